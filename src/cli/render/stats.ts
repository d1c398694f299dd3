/** `stats` as a table for reading, and as CSV. */
import { stringify } from 'csv-stringify/sync';
import type { CountRow, Stats } from '../../output/stats.js';
import { displayWidth, padEndTo, printable } from '../../core/display.js';

/** Count rows of one dimension; values (and --by and --seller-field names) come from the data: shown printable, aligned by display width. */
function table(title: string, rows: readonly CountRow[]): string[] {
  if (rows.length === 0) return [];
  const head = printable(title);
  const values = rows.map((r) => printable(r.value));
  const w = Math.max(displayWidth(head), ...values.map(displayWidth));
  return [`${padEndTo(head, w)}  listings  flagged  groups`, ...rows.map((r, i) => `${padEndTo(values[i]!, w)}  ${String(r.listings).padStart(8)}  ${String(r.flagged).padStart(7)}  ${String(r.groups ?? '-').padStart(6)}`), ''];
}

export function renderStats(s: Stats, bold: (x: string) => string): string {
  const lines = [
    bold(`${s.listings} listings, ${s.flagged} flagged at threshold ${s.threshold}; ${s.groups === null ? 'near-duplicate groups unknown (the records carry none)' : `${s.groups} near-duplicate groups, ${s.flagged_groups} of them flagged`}`),
    '',
    ...table('level', s.by_level),
    ...table('product', s.by_product),
    ...table('language', s.by_language),
    ...Object.entries(s.by).flatMap(([k, rows]) => table(k, rows)),
    ...(s.seller_field ? table(`top sellers (${s.seller_field})`, s.top_sellers) : []),
    'score histogram',
    ...s.histogram.map((b) => `${b.from.toFixed(1)}-${b.to.toFixed(1)}  ${String(b.listings).padStart(7)}  ${'#'.repeat(Math.ceil((b.listings / Math.max(1, s.listings)) * 50))}`),
  ];
  return lines.join('\n') + '\n';
}

/** CSV: one row per (dimension, value). */
export function statsCsv(s: Stats): string {
  const rows: (string | number)[][] = [['dimension', 'value', 'listings', 'flagged', 'groups']];
  const add = (dim: string, list: readonly CountRow[]) => { for (const r of list) rows.push([dim, r.value, r.listings, r.flagged, r.groups ?? '']); };
  rows.push(['total', 'all', s.listings, s.flagged, s.flagged_groups ?? '']);
  add('level', s.by_level);
  add('product', s.by_product);
  add('language', s.by_language);
  for (const [k, list] of Object.entries(s.by)) add(k, list);
  if (s.seller_field) add(`seller:${s.seller_field}`, s.top_sellers);
  for (const b of s.histogram) rows.push(['score', `${b.from.toFixed(1)}-${b.to.toFixed(1)}`, b.listings, '', '']);
  return stringify(rows);
}
