/** The summary line of `wildsift train` (stderr). */
import type { ModelData } from '../../core/model.js';

interface Summary {
  rows: number;
  positives: number;
  cv: { folds: number; average_precision: number | null; f1: number | null; precision: number | null; recall: number | null; ece: number };
  hand_weighted: { average_precision: number | null; f1: number | null };
  converged: boolean;
}

const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

export function trainSummaryLine(m: ModelData, output: string | undefined, seconds: number): string {
  const t = m.training as unknown as Summary;
  const where = output ? `; model written to ${output}` : '';
  return (
    `wildsift: trained on ${t.rows} listings (${t.positives} positive) in ${seconds.toFixed(1)} s${t.converged ? '' : ' (the optimizer stopped before converging)'}: ` +
    `${t.cv.folds}-fold out-of-fold AP ${f(t.cv.average_precision)}, F1 ${f(t.cv.f1)} (precision ${f(t.cv.precision)}, recall ${f(t.cv.recall)}) at threshold ${m.threshold}, calibration error ${f(t.cv.ece)}; ` +
    `hand-weighted score on the same rows: AP ${f(t.hand_weighted.average_precision)}, F1 ${f(t.hand_weighted.f1)}${where}\n`
  );
}
