/**
 * Evaluation metrics for a ranked, labelled set of listings. Pure.
 *
 * Items come in ranking order (best first). An item is predicted positive when
 * its score reaches the threshold.
 */

export interface EvalItem {
  score: number;
  /** ground truth */
  positive: boolean;
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface ThresholdMetrics extends Confusion {
  threshold: number;
  /** null when nothing was predicted positive (precision) or there are no positives (recall) */
  precision: number | null;
  recall: number | null;
  f1: number | null;
  accuracy: number | null;
}

export function confusion(items: readonly EvalItem[], threshold: number): Confusion {
  const c = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const it of items) {
    const pred = it.score >= threshold;
    if (pred && it.positive) c.tp++;
    else if (pred) c.fp++;
    else if (it.positive) c.fn++;
    else c.tn++;
  }
  return c;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);

export function atThreshold(items: readonly EvalItem[], threshold: number): ThresholdMetrics {
  const c = confusion(items, threshold);
  const precision = ratio(c.tp, c.tp + c.fp);
  const recall = ratio(c.tp, c.tp + c.fn);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { threshold, ...c, precision, recall, f1, accuracy: ratio(c.tp + c.tn, items.length) };
}

/**
 * Average precision over the ranking: the mean, over the positives, of the
 * precision at each positive's rank. Null when there are no positives.
 */
export function averagePrecision(ranked: readonly EvalItem[]): number | null {
  let hits = 0;
  let sum = 0;
  ranked.forEach((it, k) => {
    if (!it.positive) return;
    hits++;
    sum += hits / (k + 1);
  });
  return hits === 0 ? null : sum / hits;
}

/**
 * Area under the ROC curve: the probability that a random positive scores
 * above a random negative, ties counting half. Null without both classes.
 */
export function rocAuc(items: readonly EvalItem[]): number | null {
  const pos = items.filter((i) => i.positive).map((i) => i.score);
  const neg = items.filter((i) => !i.positive).map((i) => i.score).sort((a, b) => a - b);
  if (pos.length === 0 || neg.length === 0) return null;
  // for each positive: negatives below it, plus half of those equal (binary search)
  const lower = (x: number) => { let lo = 0, hi = neg.length; while (lo < hi) { const m = (lo + hi) >> 1; if (neg[m]! < x) lo = m + 1; else hi = m; } return lo; };
  const upper = (x: number) => { let lo = 0, hi = neg.length; while (lo < hi) { const m = (lo + hi) >> 1; if (neg[m]! <= x) lo = m + 1; else hi = m; } return lo; };
  let sum = 0;
  for (const p of pos) {
    const below = lower(p);
    const equal = upper(p) - below;
    sum += below + equal / 2;
  }
  return sum / (pos.length * neg.length);
}

/** Share of positives among the first k of the ranking (k larger than the set: over the whole set). Null for an empty set. */
export function precisionAtK(ranked: readonly EvalItem[], k: number): number | null {
  const top = ranked.slice(0, k);
  return top.length === 0 ? null : top.filter((i) => i.positive).length / top.length;
}

/** Metrics at each threshold of a grid, and the one with the best F1 (the lowest such threshold on ties). */
export function sweep(items: readonly EvalItem[], thresholds: readonly number[]): { rows: ThresholdMetrics[]; best: ThresholdMetrics | null } {
  const rows = thresholds.map((t) => atThreshold(items, t));
  let best: ThresholdMetrics | null = null;
  for (const r of rows) if (r.f1 !== null && (best === null || r.f1 > best.f1!)) best = r;
  return { rows, best };
}

/** 0.05, 0.10, ... 0.95 */
export const SWEEP_THRESHOLDS: readonly number[] = Array.from({ length: 19 }, (_, i) => Math.round((i + 1) * 5) / 100);
