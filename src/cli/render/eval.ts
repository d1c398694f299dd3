/** `eval` as a table for reading. */
import type { EvalReport, GroupMetrics } from '../../app/eval.js';
import type { CvReport, Spread } from '../../app/cv.js';
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

const sp = (s: Spread) => (s.mean === null ? '   -          ' : `${s.mean.toFixed(3)} ± ${(s.sd ?? 0).toFixed(3)}`);

/** `eval --cv` as a table: the learned model next to the hand-weighted score on the same folds. */
export function renderCv(r: CvReport, bold: (s: string) => string): string {
  const lines: string[] = [];
  lines.push(bold(`${r.rows} listings: ${r.positives} positive, ${r.negatives} negative; ${r.folds}-fold cross-validation, ${r.group_by ? `grouped by "${p(r.group_by)}" (${r.groups} groups)` : 'stratified random folds'}, seed ${r.seed}`));
  lines.push('');
  lines.push('fold mean ± sd       learned model (train)        hand-weighted lexicons');
  const row = (name: string, a: string, b: string) => lines.push(`${name.padEnd(20)} ${a.padEnd(28)} ${b}`);
  for (const k of ['average_precision', 'precision', 'recall', 'f1'] as const) row(k === 'average_precision' ? 'AP' : k === 'f1' ? 'F1' : k, sp(r.model.mean[k]), sp(r.hand_weighted.mean[k]));
  lines.push('');
  const oof = (m: CvReport['model']['out_of_fold']) => `AP ${num(m.average_precision)}  P ${pct(m.precision).trim()}  R ${pct(m.recall).trim()}  F1 ${pct(m.f1).trim()}  ${Object.entries(m.precision_at).map(([k, v]) => `P@${k} ${pct(v).trim()}`).join('  ')}`;
  lines.push(`out of fold, model: ${oof(r.model.out_of_fold)}`);
  lines.push(`out of fold, hand:  ${oof(r.hand_weighted.out_of_fold)}`);
  lines.push('');
  lines.push(`per fold (model threshold):  ${r.model.folds.map((f) => `${f.fold}: AP ${num(f.average_precision)} F1 ${num(f.f1)} @${f.threshold}`).join('   ')}`);
  lines.push('');
  const names = r.model.by_product.map((g) => p(g.group));
  const w = Math.max(7, ...names.map(displayWidth));
  lines.push(`${'product'.padEnd(w)}   pos  model recall  hand recall`);
  r.model.by_product.forEach((g, i) => lines.push(`${padEndTo(names[i]!, w)} ${String(g.positives).padStart(5)}  ${pct(g.recall).padStart(12)}  ${pct(r.hand_weighted.by_product[i]?.recall ?? null).padStart(11)}`));
  lines.push('');
  lines.push(`${'language'.padEnd(8)}   rows   pos  model P   model R  model F1   hand F1`);
  r.model.by_language.forEach((g, i) => lines.push(`${padEndTo(p(g.group), 8)} ${String(g.rows).padStart(6)} ${String(g.positives).padStart(5)}  ${pct(g.precision)}  ${pct(g.recall)}  ${pct(g.f1)}  ${pct(r.hand_weighted.by_language[i]?.f1 ?? null)}`));
  if (r.learning_curve) {
    lines.push('');
    lines.push(bold('learning curve (training labels per fold: AP and F1 on the test folds, mean ± sd)'));
    lines.push('  labels   model AP         model F1         hand AP          hand F1');
    for (const c of r.learning_curve) lines.push(`  ${String(c.labels).padStart(6)}   ${sp(c.model.average_precision)}  ${sp(c.model.f1)}  ${sp(c.hand_weighted.average_precision)}  ${sp(c.hand_weighted.f1)}`);
  }
  return lines.join('\n') + '\n';
}
