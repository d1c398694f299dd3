/** The account ranking of `wildsift sellers`: a table for reading, JSON Lines and CSV for tools. */
import type { ChalkInstance } from 'chalk';
import { stringify } from 'csv-stringify/sync';
import type { SellersReport } from '../../app/sellers.js';
import { cut, fit } from '../../core/display.js';
import { printable } from '../../core/printable.js';

export function sellersTable(r: SellersReport, c: ChalkInstance): string {
  const lines = [c.bold(`${'rank'.padStart(4)}  ${fit('seller', 20)}  ${'offers'.padStart(6)}  ${'flagged'.padStart(7)}  ${'posts'.padStart(5)}  ${'evidence'.padStart(8)}  ${'best'.padStart(5)}  products`)];
  for (const s of r.rows) {
    lines.push(`${String(s.rank).padStart(4)}  ${fit(s.seller, 20)}  ${String(s.offers).padStart(6)}  ${String(s.flagged).padStart(7)}  ${String(s.listings).padStart(5)}  ${s.evidence.toFixed(3).padStart(8)}  ${s.best.toFixed(3).padStart(5)}  ${printable(s.products.join(','))}`);
    for (const [f, v] of Object.entries(s.profile)) lines.push(c.dim(`      ${printable(f)}: ${cut(printable(v.replace(/\s+/g, ' ')), 90)}`));
    for (const o of s.top) lines.push(`      ${o.score.toFixed(3)} ${printable(o.id)}: ${printable(o.evidence.map((e) => `${e.entry} "${e.match}" [${e.field}] +${e.contribution}`).join(', '))}`);
  }
  return lines.join('\n') + '\n';
}

export function sellersJsonl(r: SellersReport): string {
  return r.rows.map((s) => JSON.stringify({ ...s, seller_field: r.seller_field })).join('\n') + (r.rows.length ? '\n' : '');
}

export function sellersCsv(r: SellersReport): string {
  const rows = r.rows.map((s) => [s.rank, s.seller, s.offers, s.flagged, s.listings, s.evidence, s.best, s.products.join(';'), s.top.map((o) => o.id).join(';'), JSON.stringify(s.profile), JSON.stringify(s.top)]);
  return stringify([['rank', 'seller', 'offers', 'flagged', 'listings', 'evidence', 'best', 'products', 'top_ids', 'profile', 'top'], ...rows]);
}
