/**
 * Calibration of a model's scores: Platt scaling (a logistic curve over held-out
 * logits) and the reliability table with the expected calibration error. Pure.
 */
import { UsageError } from './errors.js';
import { fitLogLoss, sigmoid } from './logreg.js';

export interface Platt {
  /** calibrated probability = sigmoid(a · logit + b) */
  readonly a: number;
  readonly b: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/**
 * Fits a and b on held-out logits (not the training rows: those are
 * over-confident) with Platt's smoothed targets, (n+ + 1)/(n+ + 2) for a
 * positive and 1/(n- + 2) for a negative, so that separable held-out data
 * still gives a finite slope. Minimized with the L-BFGS of logreg.ts, unpenalized.
 */
export function fitPlatt(logits: ArrayLike<number>, labels: ArrayLike<number>): Platt {
  const n = logits.length;
  if (n === 0 || labels.length !== n) throw new UsageError(`Platt scaling needs held-out rows: ${n} logits and ${labels.length} labels`);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new UsageError(`label ${i} is ${labels[i]}, not 0 or 1`);
    if (!Number.isFinite(logits[i])) throw new UsageError(`logit ${i} is ${logits[i]}`);
    pos += labels[i]!;
  }
  const hi = (pos + 1) / (pos + 2), lo = 1 / (n - pos + 2);
  const t = Float64Array.from({ length: n }, (_, i) => (labels[i] ? hi : lo));
  // one feature, the logit itself, kept in float64
  const X = { rows: n, dim: 1, indptr: Uint32Array.from({ length: n + 1 }, (_, i) => i), indices: new Uint32Array(n), values: Float64Array.from(logits) };
  const m = fitLogLoss(X, t, new Float64Array(n).fill(1), { l2: 0, tol: 1e-10, maxIter: 200 });
  return { a: m.weights[0]!, b: m.intercept, iterations: m.iterations, converged: m.converged };
}

export function applyPlatt(p: Pick<Platt, 'a' | 'b'>, logit: number): number {
  return sigmoid(p.a * logit + p.b);
}

export interface ReliabilityBin {
  /** predicted probabilities in [lower, upper); the last bin includes 1 */
  readonly lower: number;
  readonly upper: number;
  readonly count: number;
  /** null for an empty bin */
  readonly meanPredicted: number | null;
  readonly observedRate: number | null;
}

/** Equal-width bins of predicted probability; ece = Σ (count / n) · |meanPredicted − observedRate|. */
export function reliability(probs: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): { bins: ReliabilityBin[]; ece: number } {
  if (!Number.isInteger(bins) || bins < 1) throw new UsageError(`bins cannot be ${bins}`, { option: 'bins' });
  if (labels.length !== probs.length) throw new UsageError(`${probs.length} probabilities and ${labels.length} labels`);
  const count = new Float64Array(bins), sumP = new Float64Array(bins), sumY = new Float64Array(bins);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i]!;
    if (!(p >= 0 && p <= 1)) throw new UsageError(`probability ${i} is ${p}`);
    const k = Math.min(Math.floor(p * bins), bins - 1);
    count[k]!++;
    sumP[k]! += p;
    sumY[k]! += labels[i] ? 1 : 0;
  }
  let ece = 0;
  const table = Array.from(count, (c, k): ReliabilityBin => {
    const meanPredicted = c > 0 ? sumP[k]! / c : null, observedRate = c > 0 ? sumY[k]! / c : null;
    if (c > 0) ece += (c / probs.length) * Math.abs(meanPredicted! - observedRate!);
    return { lower: k / bins, upper: (k + 1) / bins, count: c, meanPredicted, observedRate };
  });
  return { bins: table, ece };
}
