/**
 * The training of `wildsift train` and of `eval --cv`: features to a sparse
 * matrix (with document-frequency cut-offs), the class-balanced L2 logistic
 * regression of logreg.ts, Platt calibration on out-of-fold logits, the
 * threshold, and folds (stratified or grouped). Pure and deterministic: the
 * only randomness is a seeded generator for the folds.
 */
import { fitPlatt, reliability } from './calibrate.js';
import { UsageError } from './errors.js';
import type { SparseVector } from './features.js';
import { csrFromRows, trainLogistic } from './logreg.js';
import { averagePrecision, precisionAtK, type EvalItem } from './metrics.js';
import { PRIOR, type ModelData } from './model.js';

/** One labelled listing's features. */
export interface Example {
  named: ReadonlyMap<string, number>;
  hashed: SparseVector;
  label: 0 | 1;
}

export interface TrainSettings {
  /** L2 penalty (scikit-learn's C = 1 / (rows · l2)) */
  l2: number;
  /** the prior feature's share of the penalty */
  priorPenalty: number;
  /** a text bucket is used when it occurs in at least minDf training listings ... */
  minDf: number;
  /** ... and in at most this share of them */
  maxDf: number;
  /** inner folds for the calibration and the threshold */
  folds: number;
  seed: number;
  /** choose the lowest threshold whose out-of-fold precision reaches this; undefined: the best F1 */
  targetPrecision?: number;
  maxIter: number;
}

export const DEFAULT_TRAIN: TrainSettings = { l2: 1e-3, priorPenalty: 0.01, minDf: 2, maxDf: 0.9, folds: 5, seed: 1, maxIter: 500 };

/** A fitted linear model: named weights and hashed-bucket weights. */
export interface Linear {
  intercept: number;
  named: Map<string, number>;
  hashed: Map<number, number>;
  iterations: number;
  converged: boolean;
}

/** mulberry32: a small seeded generator, enough for shuffling folds */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Fold of each row: positives and negatives dealt round-robin after a seeded shuffle, so every fold has its share of each. */
export function stratifiedFolds(labels: ArrayLike<number>, k: number, seed: number): Int32Array {
  const folds = new Int32Array(labels.length);
  const rnd = random(seed);
  for (const cls of [1, 0]) {
    const rows = Array.from({ length: labels.length }, (_, i) => i).filter((i) => labels[i] === cls);
    shuffled(rows, rnd).forEach((i, n) => (folds[i] = n % k));
  }
  return folds;
}

/**
 * Fold of each row when rows of one group (a seller) must stay in one fold:
 * groups in a seeded order, largest first, each to the fold with the fewest
 * rows so far (scikit-learn's GroupKFold, with a seeded order among groups of
 * one size).
 */
export function groupedFolds(groups: readonly string[], k: number, seed: number): Int32Array {
  const size = new Map<string, number>();
  for (const g of groups) size.set(g, (size.get(g) ?? 0) + 1);
  if (size.size < k) throw new UsageError(`grouped folds need at least ${k} groups, and there are ${size.size}`, { option: 'groupBy' });
  const order = shuffled([...size.keys()].sort(), random(seed)).sort((a, b) => size.get(b)! - size.get(a)!);
  const load = new Array<number>(k).fill(0);
  const foldOf = new Map<string, number>();
  for (const g of order) {
    let f = 0;
    for (let j = 1; j < k; j++) if (load[j]! < load[f]!) f = j;
    foldOf.set(g, f);
    load[f]! += size.get(g)!;
  }
  return Int32Array.from(groups, (g) => foldOf.get(g)!);
}

/** Checks that every fold's training part has both classes and every test part has a positive. */
export function checkFolds(labels: ArrayLike<number>, folds: Int32Array, k: number, what: string): void {
  const pos = new Array<number>(k).fill(0), all = new Array<number>(k).fill(0);
  let totalPos = 0;
  for (let i = 0; i < labels.length; i++) (all[folds[i]!]! += 1), (pos[folds[i]!]! += labels[i]!), (totalPos += labels[i]!);
  for (let f = 0; f < k; f++) {
    if (pos[f] === 0) throw new UsageError(`${what}: fold ${f + 1} of ${k} has no positive listing (${totalPos} positives in ${labels.length} rows); use fewer folds or label more positives`, { option: 'cv' });
    const trainPos = totalPos - pos[f]!, trainAll = labels.length - all[f]!;
    if (trainPos === 0 || trainPos === trainAll) throw new UsageError(`${what}: the training part of fold ${f + 1} of ${k} has only one class; use fewer folds`, { option: 'cv' });
  }
}

/** Fits the linear model on the rows `idx` of `examples`. */
export function fitLinear(examples: readonly Example[], idx: readonly number[], s: TrainSettings): Linear {
  // named columns: every name seen, sorted; hashed columns: buckets within the document-frequency cut-offs
  const names = new Set<string>();
  const df = new Map<number, number>();
  for (const i of idx) {
    const e = examples[i]!;
    for (const n of e.named.keys()) names.add(n);
    for (const j of e.hashed.indices) df.set(j, (df.get(j) ?? 0) + 1);
  }
  names.add(PRIOR);
  const named = [...names].sort();
  const col = new Map(named.map((n, c) => [n, c]));
  const maxDf = Math.floor(s.maxDf * idx.length);
  const buckets = [...df].filter(([, n]) => n >= s.minDf && n <= Math.max(maxDf, s.minDf)).map(([j]) => j).sort((a, b) => a - b);
  const hcol = new Map(buckets.map((j, c) => [j, named.length + c]));
  const dim = named.length + buckets.length;
  const rows = idx.map((i) => {
    const e = examples[i]!;
    const row: [number, number][] = [];
    for (const [n, v] of e.named) row.push([col.get(n)!, v]);
    for (let k = 0; k < e.hashed.indices.length; k++) {
      const c = hcol.get(e.hashed.indices[k]!);
      if (c !== undefined) row.push([c, e.hashed.values[k]!]);
    }
    return row;
  });
  const X = csrFromRows(rows, dim);
  const y = idx.map((i) => examples[i]!.label);
  const penalty = new Float64Array(dim).fill(1);
  penalty[col.get(PRIOR)!] = s.priorPenalty;
  const m = trainLogistic(X, y, { l2: s.l2, classWeight: 'balanced', maxIter: s.maxIter, penalty });
  return {
    intercept: m.intercept,
    named: new Map(named.map((n, c) => [n, m.weights[c]!])),
    hashed: new Map(buckets.map((j, c) => [j, m.weights[named.length + c]!])),
    iterations: m.iterations,
    converged: m.converged,
  };
}

export function linearLogit(m: Pick<Linear, 'intercept' | 'named' | 'hashed'>, e: Example): number {
  let z = m.intercept;
  for (const [n, v] of e.named) z += (m.named.get(n) ?? 0) * v;
  for (let k = 0; k < e.hashed.indices.length; k++) z += (m.hashed.get(e.hashed.indices[k]!) ?? 0) * e.hashed.values[k]!;
  return z;
}

/** Items ranked by score, best first, ties in row order. */
export function ranked(scores: ArrayLike<number>, labels: ArrayLike<number>): EvalItem[] {
  return Array.from({ length: scores.length }, (_, i) => i)
    .sort((a, b) => scores[b]! - scores[a]! || a - b)
    .map((i) => ({ score: scores[i]!, positive: labels[i] === 1 }));
}

export interface Cut {
  threshold: number;
  precision: number;
  recall: number;
  f1: number;
}

/**
 * The flag threshold on calibrated probabilities (rounded down to 4 decimals,
 * as scores are written): the best F1 (the highest such threshold on ties),
 * or the lowest whose precision reaches `target`.
 */
export function chooseThreshold(probs: ArrayLike<number>, labels: ArrayLike<number>, target?: number): Cut {
  const items = ranked(Array.from(probs, (p) => Math.floor(p * 1e4) / 1e4), labels);
  const pos = items.filter((i) => i.positive).length;
  let tp = 0, best: Cut | undefined, reached: Cut | undefined, bestPrecision = 0;
  for (let k = 0; k < items.length; k++) {
    if (items[k]!.positive) tp++;
    if (k + 1 < items.length && items[k + 1]!.score === items[k]!.score) continue; // a cut between equal scores is no cut
    const precision = tp / (k + 1), recall = pos === 0 ? 0 : tp / pos;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    const cut = { threshold: items[k]!.score, precision, recall, f1 };
    if (best === undefined || f1 > best.f1) best = cut;
    if (target !== undefined && precision >= target) reached = cut;
    bestPrecision = Math.max(bestPrecision, precision);
  }
  if (best === undefined) throw new UsageError('no listings to choose a threshold on');
  if (target === undefined) return best;
  if (reached === undefined) throw new UsageError(`no threshold reaches precision ${target} out of fold: the highest is ${bestPrecision.toFixed(4)}; lower the target, or label more listings`, { option: 'targetPrecision' });
  return reached;
}

export interface FoldMetrics {
  rows: number;
  positives: number;
  average_precision: number | null;
  precision: number | null;
  recall: number | null;
  f1: number | null;
  precision_at: Record<string, number | null>;
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);

export function metricsAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number, at: readonly number[] = [10, 50, 100]): FoldMetrics {
  const items = ranked(scores, labels);
  let tp = 0, fp = 0, pos = 0;
  for (const it of items) {
    if (it.positive) pos++;
    if (it.score >= threshold) it.positive ? tp++ : fp++;
  }
  const precision = ratio(tp, tp + fp), recall = ratio(tp, pos);
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    rows: items.length,
    positives: pos,
    average_precision: averagePrecision(items),
    precision,
    recall,
    f1,
    precision_at: Object.fromEntries(at.map((k) => [String(k), precisionAtK(items, k)])),
  };
}

export interface Trained {
  linear: Linear;
  platt: { a: number; b: number };
  cut: Cut;
  /** out-of-fold calibrated probabilities of the training rows (in `idx` order) */
  oof: Float64Array;
  cv: FoldMetrics & { folds: number; ece: number };
}

/**
 * Trains on rows `idx`: inner stratified folds give out-of-fold logits, on
 * which Platt's curve and the threshold are fitted; then the model is fitted
 * on all the rows.
 */
export function trainModel(examples: readonly Example[], idx: readonly number[], s: TrainSettings): Trained {
  const labels = idx.map((i) => examples[i]!.label);
  const pos = labels.reduce<number>((a, b) => a + b, 0);
  if (pos === 0 || pos === labels.length) throw new UsageError(`training needs positive and negative listings; these ${labels.length} are all ${pos === 0 ? 'negative' : 'positive'}`, { option: 'label' });
  const k = s.folds;
  if (!Number.isInteger(k) || k < 2) throw new UsageError(`inner folds must be a whole number of 2 or more, got ${k}`, { option: 'folds' });
  if (pos < k || labels.length - pos < k) throw new UsageError(`${pos} positive and ${labels.length - pos} negative listings are too few for ${k} folds: each fold needs at least one of each; label more, or use fewer folds`, { option: 'folds' });
  const folds = stratifiedFolds(labels, k, s.seed);
  const logits = new Float64Array(idx.length);
  for (let f = 0; f < k; f++) {
    const train: number[] = [], test: number[] = [];
    idx.forEach((_row, n) => (folds[n] === f ? test : train).push(n));
    const lin = fitLinear(examples, train.map((n) => idx[n]!), s);
    for (const n of test) logits[n] = linearLogit(lin, examples[idx[n]!]!);
  }
  const platt = fitPlatt(logits, labels);
  const oof = logits.map((z) => 1 / (1 + Math.exp(-(platt.a * z + platt.b))));
  const cut = chooseThreshold(oof, labels, s.targetPrecision);
  const linear = fitLinear(examples, idx, s);
  return { linear, platt: { a: platt.a, b: platt.b }, cut, oof, cv: { ...metricsAt(oof, labels, cut.threshold), folds: k, ece: reliability(oof, labels).ece } };
}

/** A weight as written to a model file: 7 significant digits. */
export const writtenWeight = (w: number): number => Number(w.toPrecision(7));
/** weights smaller than this are left out of model files (they change no written score) */
export const MIN_WEIGHT = 1e-6;

/** The weights of a trained model as a model file holds them: named by sorted name, hashed by bucket; tiny weights left out. */
export function writtenWeights(l: Linear): ModelData['weights'] {
  const named: Record<string, number> = {};
  for (const n of [...l.named.keys()].sort()) {
    const w = writtenWeight(l.named.get(n)!);
    if (Math.abs(w) >= MIN_WEIGHT || n === PRIOR) named[n] = w;
  }
  const hashed: [number, number][] = [];
  for (const j of [...l.hashed.keys()].sort((a, b) => a - b)) {
    const w = writtenWeight(l.hashed.get(j)!);
    if (Math.abs(w) >= MIN_WEIGHT) hashed.push([j, w]);
  }
  return { named, hashed };
}
