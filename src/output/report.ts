/**
 * The HTML report: one self-contained page (inline CSS and SVG, no script, no
 * network request; a content security policy forbids any) with the summary
 * counts, charts, and the top listings with their matched terms highlighted
 * and explained. Every piece of scraped text is escaped, its control
 * characters shown visibly. Pure.
 */
import type { SellerRow } from './sellers.js';
import type { CountRow, Stats } from './stats.js';
import type { OutputRecord } from './record.js';
import type { FieldText } from '../core/matcher.js';
import { printable } from '../core/printable.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Scraped text as page text or an attribute value: HTML-escaped, and its
 * control characters (but new lines and tabs) shown as escapes, as on the
 * terminal (core/display.ts). A bidi override in an id or a field would
 * otherwise reorder the rest of its listing's heading or paragraph.
 */
function textOf(s: string): string {
  return escapeHtml(printable(s, '\n\t'));
}

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export interface ReportInput {
  stats: Stats;
  /** best first */
  top: { record: OutputRecord; texts: FieldText[] }[];
  lexicons: { name: string; version: string }[];
  params: Record<string, string>;
  generated: string;
  /** accounts ranked by the evidence across their posts (output/sellers.ts), when there is a seller field */
  accounts?: SellerRow[];
}

/** At most `max` bars (the rows in their order: most flagged first, or months in time order), with a note saying how many were left out. */
function barChart(title: string, rows: readonly CountRow[], key: 'flagged' | 'listings', max = 12): string {
  const nonzero = rows.filter((r) => r[key] > 0);
  const shown = nonzero.slice(0, max);
  const note = nonzero.length > max ? ` (first ${max} of ${nonzero.length} shown)` : '';
  if (shown.length === 0) return `<figure class="chart"><figcaption>${textOf(title)}</figcaption><p class="empty">nothing flagged</p></figure>`;
  const top = Math.max(...shown.map((r) => r[key]));
  const rowH = 22;
  const labelW = 150;
  const barW = 300;
  const h = shown.length * rowH + 8;
  const bars = shown
    .map((r, i) => {
      const w = Math.max(2, Math.round((r[key] / top) * barW));
      const y = i * rowH + 4;
      return `<g class="bar"><text x="${labelW - 6}" y="${y + 14}" text-anchor="end">${textOf(r.value.length > 22 ? r.value.slice(0, 21) + '…' : r.value)}</text><rect x="${labelW}" y="${y}" width="${w}" height="${rowH - 6}"></rect><text x="${labelW + w + 6}" y="${y + 14}">${r[key]}${key === 'flagged' && r.groups !== null ? ` (${r.groups} groups)` : ''}</text></g>`;
    })
    .join('');
  return `<figure class="chart"><figcaption>${textOf(title)}${note}</figcaption><svg role="img" aria-label="${textOf(title)}" width="${labelW + barW + 110}" height="${h}" viewBox="0 0 ${labelW + barW + 110} ${h}">${bars}</svg></figure>`;
}

function histogram(s: Stats): string {
  const top = Math.max(1, ...s.histogram.map((b) => b.listings));
  const w = 36;
  const h = 140;
  const bars = s.histogram
    .map((b, i) => {
      const bh = Math.round((b.listings / top) * (h - 44));
      const flagged = b.from >= s.threshold ? ' flagged' : '';
      return `<g class="bin${flagged}"><rect x="${i * (w + 4) + 4}" y="${h - 20 - bh}" width="${w}" height="${bh}"></rect><text x="${i * (w + 4) + 4 + w / 2}" y="${h - 6}" text-anchor="middle">${b.from.toFixed(1)}</text><text x="${i * (w + 4) + 4 + w / 2}" y="${h - 24 - bh}" text-anchor="middle">${b.listings}</text></g>`;
    })
    .join('');
  return `<figure class="chart"><figcaption>Score distribution (all listings)</figcaption><svg role="img" aria-label="Score distribution" width="${10 * (w + 4) + 8}" height="${h}" viewBox="0 0 ${10 * (w + 4) + 8} ${h}">${bars}</svg></figure>`;
}

/** The field text with the counted hits marked. Offsets are code points. */
function highlighted(text: string, spans: { start: number; end: number; title: string }[]): string {
  const cps = Array.from(text);
  let out = '';
  let i = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < i) continue;
    out += textOf(cps.slice(i, s.start).join(''));
    out += `<mark title="${textOf(s.title)}">${textOf(cps.slice(s.start, s.end).join(''))}</mark>`;
    i = s.end;
  }
  return out + textOf(cps.slice(i).join(''));
}

function listing(r: OutputRecord, texts: FieldText[]): string {
  const counted = r.hits.filter((h) => h.contribution !== 0);
  const fields = texts
    .filter((t) => t.text.trim() !== '')
    .map((t) => {
      const spans = counted.filter((h) => h.field === t.name).map((h) => ({ start: h.start, end: h.end, title: `${h.entry}: ${h.contribution > 0 ? '+' : ''}${h.contribution}` }));
      return `<div class="field"><span class="name">${textOf(t.name)}</span> ${highlighted(t.text, spans)}</div>`;
    })
    .join('');
  const rows = counted
    .map((h) => `<tr><td class="num">${h.contribution > 0 ? '+' : ''}${h.contribution.toFixed(2)}</td><td>${textOf(h.kind)}</td><td>${textOf(h.entry)}</td><td>${textOf(h.match)}</td><td>${textOf(h.transform)}</td></tr>`)
    .join('');
  return `<article class="listing level-${textOf(r.level)}"><h3><span class="rank">#${r.rank ?? ''}</span> <span class="score">${r.score.toFixed(3)}</span> <span class="level">${textOf(r.level)}</span> <span class="id">${textOf(r.id)}</span> <span class="products">${textOf(r.products.join(', '))}</span> <span class="src">${textOf(r.source)} row ${r.row}${r.group !== null ? `, group ${r.group}` : ''}</span></h3>${fields}<table class="hits"><thead><tr><th>+/-</th><th>kind</th><th>entry</th><th>matched text</th><th>found by</th></tr></thead><tbody>${rows}</tbody></table></article>`;
}

export function renderReport(input: ReportInput): string {
  const s = input.stats;
  // a time series (field:month, field:year) gets up to 36 bars, in time order
  const byCharts = Object.entries(s.by).map(([k, rows]) => barChart(`Flagged listings by ${k}`, rows, 'flagged', /:(month|year)$/.test(k) ? 36 : 12)).join('');
  const sellers = s.seller_field
    ? `<section><h2>Top sellers (${textOf(s.seller_field)})</h2><table class="counts"><thead><tr><th>seller</th><th>listings</th><th>flagged</th><th>groups</th></tr></thead><tbody>${s.top_sellers.map((r) => `<tr><td>${textOf(r.value)}</td><td class="num">${r.listings}</td><td class="num">${r.flagged}</td><td class="num">${r.groups ?? '-'}</td></tr>`).join('')}</tbody></table></section>`
    : '';
  const accounts = input.accounts && input.accounts.length > 0
    ? `<section><h2>Accounts by evidence (${textOf(s.seller_field ?? '')})</h2><p class="note">Distinct flagged offers (a repost counts once), the sum of their best scores, and each account's strongest offer with the evidence that scored it.</p><table class="counts"><thead><tr><th>account</th><th>offers</th><th>flagged</th><th>posts</th><th>evidence</th><th>products</th><th>strongest offer</th><th>profile</th></tr></thead><tbody>${input.accounts
        .map((a) => {
          const o = a.top[0];
          const offer = o ? `${textOf(o.id)} (${o.score.toFixed(3)}): ${o.evidence.map((e) => `${textOf(e.entry)} &ldquo;${textOf(e.match)}&rdquo;`).join(', ')}` : '';
          const profile = Object.entries(a.profile).map(([f, v]) => `${textOf(f)}: ${textOf(v.length > 160 ? `${v.slice(0, 160)}…` : v)}`).join('<br>');
          return `<tr><td>${textOf(a.seller)}</td><td class="num">${a.offers}</td><td class="num">${a.flagged}</td><td class="num">${a.listings}</td><td class="num">${a.evidence.toFixed(3)}</td><td>${textOf(a.products.join(', '))}</td><td>${offer}</td><td>${profile}</td></tr>`;
        })
        .join('')}</tbody></table></section>`
    : '';
  const params = Object.entries(input.params).map(([k, v]) => `<tr><th>${textOf(k)}</th><td>${textOf(v)}</td></tr>`).join('');
  const lex = input.lexicons.map((l) => `${textOf(l.name)} ${textOf(l.version)}`).join(', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wildsift report</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","Noto Sans Thai",sans-serif;margin:2rem auto;max-width:1100px;color:#1d2329;padding:0 1rem}
h1{margin-bottom:.2rem}.note{color:#5b6670}
.summary{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}.summary div{background:#f2f5f7;border-radius:8px;padding:.8rem 1.2rem}.summary b{display:block;font-size:1.6rem}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}.chart{margin:0}.chart figcaption{font-weight:600;margin-bottom:.3rem}
svg text{font-size:12px;fill:#1d2329}.bar rect{fill:#c0392b}.bin rect{fill:#95a5a6}.bin.flagged rect{fill:#c0392b}
.listing{border:1px solid #dde3e8;border-left:6px solid #95a5a6;border-radius:6px;padding:.6rem 1rem;margin:1rem 0}
.level-high{border-left-color:#c0392b}.level-medium{border-left-color:#e67e22}.level-low{border-left-color:#3498db}
.listing h3{font-size:1rem;margin:.2rem 0 .5rem}.score{font-variant-numeric:tabular-nums}.level{text-transform:uppercase;font-size:.8rem;color:#5b6670}.src{color:#5b6670;font-weight:normal;font-size:.85rem}
.field{margin:.3rem 0;white-space:pre-wrap;word-break:break-word}.field .name{color:#5b6670;font-size:.8rem}
mark{background:#f9e79f;padding:0 .1rem;border-radius:2px}
table{border-collapse:collapse;font-size:.85rem;margin:.4rem 0}td,th{border-bottom:1px solid #eef1f3;padding:.2rem .6rem;text-align:left}.num{text-align:right;font-variant-numeric:tabular-nums}
</style>
</head>
<body>
<h1>wildsift report</h1>
<p class="note">Listings flagged as <em>potentially</em> illegal wildlife trade, for human review. A flag is not a finding of illegality.</p>
<div class="summary"><div><b>${s.listings}</b>listings</div><div><b>${s.flagged}</b>flagged (score &ge; ${s.threshold})</div><div><b>${s.flagged_groups ?? '-'}</b>flagged near-duplicate groups</div><div><b>${s.groups ?? '-'}</b>groups in all</div></div>
<section><h2>What was found</h2><div class="charts">${barChart('Flagged listings by product', s.by_product, 'flagged')}${barChart('Flagged listings by language', s.by_language, 'flagged')}${byCharts}${histogram(s)}</div></section>
${sellers}
${accounts}
<section><h2>Top ${input.top.length} listings</h2>${input.top.map((t) => listing(t.record, t.texts)).join('\n')}</section>
<section><h2>Run</h2><table class="counts"><tbody>${params}<tr><th>lexicons</th><td>${lex}</td></tr><tr><th>generated</th><td>${textOf(input.generated)}</td></tr></tbody></table></section>
</body>
</html>
`;
}
