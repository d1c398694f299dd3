/** `eval` as a table for reading. */
import type { EvalReport, GroupMetrics } from '../../app/eval.js';
import { displayWidth, padEndTo, printable } from '../../core/display.js';

const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const num = (x: number | null) => (x === null ? '  -   ' : x.toFixed(4));

const p = printable;

/** Product or language (from the data with --product-field and --lang-field) and its counts; names shown printable, aligned by display width. */
function groupTable(title: string, rows: readonly GroupMetrics[]): string[] {
  const names = rows.map((r) => p(r.group));
  const w = Math.max(title.length, ...names.map(displayWidth));
  const out = [`${title.padEnd(w)}    rows   pos  pred    tp  precision  recall      F1`];
  for (const [i, r] of rows.entries()) {
    out.push(`${padEndTo(names[i]!, w)}  ${String(r.rows).padStart(6)} ${String(r.positives).padStart(5)} ${String(r.predicted).padStart(5)} ${String(r.tp).padStart(5)}     ${pct(r.precision)}  ${pct(r.recall)}  ${pct(r.f1)}`);
  }
  return out;
}

export function renderTable(r: EvalReport, bold: (s: string) => string): string {
  const m = r.metrics;
  const lines: string[] = [];
  lines.push(bold(`${r.rows} listings: ${r.positives} positive, ${r.negatives} negative; threshold ${r.threshold}`));
  lines.push(`precision ${pct(m.precision)}   recall ${pct(m.recall)}   F1 ${pct(m.f1)}   accuracy ${pct(m.accuracy)}`);
  lines.push(`average precision ${num(m.average_precision)}   ROC AUC ${num(m.roc_auc)}   ${Object.entries(m.precision_at).map(([k, v]) => `P@${k} ${pct(v)}`).join('   ')}`);
  lines.push('');
  lines.push('confusion matrix       predicted +   predicted -');
  lines.push(`  actual +         ${String(m.tp).padStart(12)}  ${String(m.fn).padStart(12)}`);
  lines.push(`  actual -         ${String(m.fp).padStart(12)}  ${String(m.tn).padStart(12)}`);
  lines.push('');
  lines.push(...groupTable('product', r.by_product));
  lines.push('');
  lines.push(...groupTable('language', r.by_language));
  lines.push('');
  lines.push('threshold sweep: ' + r.sweep.filter((_, i) => i % 2 === 1).map((s) => `${s.threshold.toFixed(2)}: P ${pct(s.precision).trim()} R ${pct(s.recall).trim()}`).join('  '));
  if (r.best_f1) lines.push(`best F1 ${pct(r.best_f1.f1).trim()} at threshold ${r.best_f1.threshold} (precision ${pct(r.best_f1.precision).trim()}, recall ${pct(r.best_f1.recall).trim()})`);
  for (const [title, cases] of [['worst false positives', r.false_positives], ['worst false negatives', r.false_negatives]] as const) {
    lines.push('');
    lines.push(bold(`${title} (${cases.length}):`));
    if (cases.length === 0) lines.push('  none');
    for (const c of cases) {
      lines.push(`  ${c.score.toFixed(3)} ${p(c.id)} (${p(c.source)} row ${c.row}) products [${p(c.products.join(', '))}]${c.expected_product ? ` expected ${p(c.expected_product)}` : ''}`);
      lines.push(`        ${p(c.text)}`);
      lines.push(`        ${c.hits.map((h) => `${p(h.entry)} "${p(h.match)}" ${h.contribution > 0 ? '+' : ''}${h.contribution}`).join('; ') || '(no counted hits)'}`);
    }
  }
  return lines.join('\n') + '\n';
}
