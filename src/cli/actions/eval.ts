/** Wires `wildsift eval`. */
import { Scorer } from '../../core/scorer.js';
import { checkGates, DEFAULT_POSITIVE, evaluate, type EvalReport, type GroupMetrics } from '../../app/eval.js';
import { UsageError } from '../../errors.js';
import type { EvalFlags } from '../commands/eval.js';
import type { CliIO } from '../io.js';
import { chalkFor, inputOptionsFrom, inputSpecs, lexiconsFor, reportersFor } from './shared.js';

const pct = (x: number | null) => (x === null ? '   -  ' : `${(x * 100).toFixed(1).padStart(5)}%`);
const num = (x: number | null) => (x === null ? '  -   ' : x.toFixed(4));

function groupTable(title: string, rows: readonly GroupMetrics[]): string[] {
  const w = Math.max(title.length, ...rows.map((r) => r.group.length));
  const out = [`${title.padEnd(w)}    rows   pos  pred    tp  precision  recall      F1`];
  for (const r of rows) {
    out.push(`${r.group.padEnd(w)}  ${String(r.rows).padStart(6)} ${String(r.positives).padStart(5)} ${String(r.predicted).padStart(5)} ${String(r.tp).padStart(5)}     ${pct(r.precision)}  ${pct(r.recall)}  ${pct(r.f1)}`);
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
      lines.push(`  ${c.score.toFixed(3)} ${c.id} (${c.source} row ${c.row}) products [${c.products.join(', ')}]${c.expected_product ? ` expected ${c.expected_product}` : ''}`);
      lines.push(`        ${c.text}`);
      lines.push(`        ${c.hits.map((h) => `${h.entry} "${h.match}" ${h.contribution > 0 ? '+' : ''}${h.contribution}`).join('; ') || '(no counted hits)'}`);
    }
  }
  return lines.join('\n') + '\n';
}

export async function runEval(inputNames: string[], flags: EvalFlags, io: CliIO): Promise<number> {
  const where = (flags.where ?? []).map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0) throw new UsageError(`--where takes field=value, got "${w}"`);
    return { field: w.slice(0, eq), value: w.slice(eq + 1) };
  });
  if (flags.allNegative && flags.label) throw new UsageError('--all-negative and --label exclude each other');
  const { broken, onReject, onWarning, onBroken, close } = reportersFor(io, flags);
  const report = await evaluate(inputSpecs(inputNames, io), {
    scorer: new Scorer(lexiconsFor(flags)),
    ...inputOptionsFrom(flags),
    ...(flags.label ? { label: flags.label } : {}),
    ...(flags.allNegative ? { allNegative: true } : {}),
    positive: flags.positive ?? DEFAULT_POSITIVE,
    ...(flags.productField ? { productField: flags.productField } : {}),
    ...(flags.langField ? { langField: flags.langField } : {}),
    where,
    threshold: flags.threshold,
    showErrors: flags.showErrors,
    onReject,
    onWarning,
    onBroken,
  }).finally(close);
  if (flags.format === 'json') io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else {
    const c = chalkFor(io, 'stdout', flags.color);
    io.stdout.write(renderTable(report, (s) => c.bold(s)));
  }
  const failures = checkGates(report, {
    ...(flags.minPrecision !== undefined ? { minPrecision: flags.minPrecision } : {}),
    ...(flags.minRecall !== undefined ? { minRecall: flags.minRecall } : {}),
    ...(flags.minF1 !== undefined ? { minF1: flags.minF1 } : {}),
    ...(flags.minAp !== undefined ? { minAp: flags.minAp } : {}),
    ...(flags.maxFp !== undefined ? { maxFp: flags.maxFp } : {}),
  });
  for (const f of failures) io.stderr.write(`wildsift: gate failed: ${f}\n`);
  return failures.length > 0 ? 1 : 0;
}
