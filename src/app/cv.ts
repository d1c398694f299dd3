/**
 * `wildsift eval --cv K`: K-fold cross-validated metrics of `train` on
 * labelled listings, next to the hand-weighted score on the same folds;
 * grouped folds (--group-by: one seller never in two folds) and a learning
 * curve. Report schema wildsift.cv/1. No process globals.
 */
import { round } from '../core/explain.js';
import { UsageError } from '../core/errors.js';
import { sigmoid } from '../core/logreg.js';
import { DEFAULT_THRESHOLD } from '../core/score.js';
import { checkFolds, groupedFolds, linearLogit, metricsAt, random, stratifiedFolds, trainModel, type FoldMetrics, type TrainSettings } from '../core/train.js';
import type { InputSpec } from '../input/read.js';
import type { InputLog } from './inputs.js';
import { checkClasses, evidenceRows, labelledExamples, roundedMetrics, type LabelledOptions, type LabelledRow } from './train.js';

export const CV_SCHEMA = 'wildsift.cv/1';

export interface CvOptions extends LabelledOptions {
  folds: number;
  settings: TrainSettings;
  /** training-set sizes of the learning curve */
  learningCurve?: number[];
}

export interface Spread {
  mean: number | null;
  sd: number | null;
}

export interface ScorerCv {
  /** per fold: metrics at that fold's threshold */
  folds: (FoldMetrics & { fold: number; threshold: number })[];
  mean: { average_precision: Spread; precision: Spread; recall: Spread; f1: Spread };
  /** all test folds pooled: AP over the pooled ranking, precision/recall/F1 of each row's own fold decision */
  out_of_fold: FoldMetrics & { tp: number; fp: number };
  by_product: { group: string; positives: number; found: number; recall: number | null }[];
  by_language: { group: string; rows: number; positives: number; precision: number | null; recall: number | null; f1: number | null }[];
}

export interface CvReport {
  schema: string;
  folds: number;
  group_by: string | null;
  groups: number;
  seed: number;
  rows: number;
  positives: number;
  negatives: number;
  unlabelled: number;
  model: ScorerCv;
  hand_weighted: ScorerCv;
  learning_curve: { labels: number; model: { average_precision: Spread; f1: Spread }; hand_weighted: { average_precision: Spread; f1: Spread } }[] | null;
}

const r4 = (x: number | null) => (x === null ? null : round(x, 4));

function spread(xs: (number | null)[]): Spread {
  const v = xs.filter((x): x is number => x !== null);
  if (v.length === 0) return { mean: null, sd: null };
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const sd = v.length < 2 ? 0 : Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
  return { mean: r4(mean), sd: r4(sd) };
}

/** One fold: the model's test scores (0 where it does not apply) and its threshold. */
function foldScores(rows: readonly LabelledRow[], train: number[], test: number[], s: TrainSettings, fold: string): { scores: Float64Array; threshold: number } {
  const fit = evidenceRows(rows, train);
  let t;
  try {
    t = trainModel(rows.map((r) => r.example), fit, s);
  } catch (e) {
    if (e instanceof UsageError) throw new UsageError(`${fold}: ${e.message}`, e.option !== undefined ? { option: e.option } : {});
    throw e;
  }
  const scores = Float64Array.from(test, (i) => (rows[i]!.evidence ? sigmoid(t.platt.a * linearLogit(t.linear, rows[i]!.example) + t.platt.b) : 0));
  return { scores, threshold: t.cut.threshold };
}

const prf = (tp: number, fp: number, pos: number) => {
  const precision = tp + fp === 0 ? null : tp / (tp + fp), recall = pos === 0 ? null : tp / pos;
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
};

/** Per-fold metrics, their spread, the pooled out-of-fold metrics and the groups of one scorer. */
function summarize(rows: readonly LabelledRow[], parts: { fold: number; test: number[]; scores: Float64Array; threshold: number }[]): ScorerCv {
  const folds = parts.map((p) => ({ fold: p.fold + 1, threshold: p.threshold, ...roundedMetrics(metricsAt(p.scores, p.test.map((i) => rows[i]!.example.label), p.threshold)) }));
  const all: number[] = [], scores: number[] = [], flagged: boolean[] = [];
  for (const p of parts) p.test.forEach((i, k) => { all.push(i); scores.push(p.scores[k]!); flagged.push(p.scores[k]! >= p.threshold); });
  const labels = all.map((i) => rows[i]!.example.label);
  const pooled = metricsAt(scores, labels, Infinity);
  let tp = 0, fp = 0, pos = 0;
  labels.forEach((y, k) => { pos += y; if (flagged[k]) y ? tp++ : fp++; });
  const out_of_fold = { ...roundedMetrics({ ...pooled, ...prf(tp, fp, pos) }), tp, fp };
  const products = [...new Set(all.map((i) => rows[i]!.product).filter((p): p is string => p !== null))].sort();
  const by_product = products.map((g) => {
    const ks = all.map((i, k) => (rows[i]!.product === g ? k : -1)).filter((k) => k >= 0);
    const found = ks.filter((k) => flagged[k]).length;
    return { group: g, positives: ks.length, found, recall: r4(found / ks.length) };
  });
  const langs = [...new Set(all.map((i) => rows[i]!.lang))].sort();
  const by_language = langs.map((g) => {
    const ks = all.map((i, k) => (rows[i]!.lang === g ? k : -1)).filter((k) => k >= 0);
    let t = 0, f = 0, p = 0;
    for (const k of ks) { p += labels[k]!; if (flagged[k]) labels[k] ? t++ : f++; }
    const m = prf(t, f, p);
    return { group: g, rows: ks.length, positives: p, precision: r4(m.precision), recall: r4(m.recall), f1: r4(m.f1) };
  });
  return {
    folds,
    mean: { average_precision: spread(folds.map((f) => f.average_precision)), precision: spread(folds.map((f) => f.precision)), recall: spread(folds.map((f) => f.recall)), f1: spread(folds.map((f) => f.f1)) },
    out_of_fold,
    by_product,
    by_language,
  };
}

/** Up to n rows of `train`, stratified (each class in proportion), in a seeded order. */
function subsample(rows: readonly LabelledRow[], train: number[], n: number, seed: number): number[] {
  if (n >= train.length) return train;
  const rnd = random(seed);
  const pick = (cls: number, m: number) => {
    const xs = train.filter((i) => rows[i]!.example.label === cls);
    for (let i = xs.length - 1; i > 0; i--) { const j = Math.floor(rnd() * (i + 1)); [xs[i], xs[j]] = [xs[j]!, xs[i]!]; }
    return xs.slice(0, m);
  };
  const pos = train.filter((i) => rows[i]!.example.label === 1).length;
  const np = Math.max(1, Math.round((n * pos) / train.length));
  return [...pick(1, np), ...pick(0, n - np)].sort((a, b) => a - b);
}

export async function crossValidate(inputs: readonly InputSpec[], o: CvOptions, log: InputLog): Promise<CvReport> {
  const k = o.folds;
  if (!Number.isInteger(k) || k < 2) throw new UsageError(`cross-validation needs 2 or more folds, got ${k}`, { option: 'cv' });
  const { rows, unlabelled } = await labelledExamples(inputs, o, log);
  checkClasses(rows, o.label);
  const labels = rows.map((r) => r.example.label);
  const pos = labels.filter((y) => y === 1).length;
  if (pos < k) throw new UsageError(`${pos} positive listing${pos === 1 ? ' is' : 's are'} too few for ${k} folds: each fold needs one; use fewer folds or label more positives`, { option: 'cv' });
  const folds = o.groupBy ? groupedFolds(rows.map((r) => r.group), k, o.settings.seed) : stratifiedFolds(labels, k, o.settings.seed);
  checkFolds(labels, folds, k, o.groupBy ? `folds grouped by "${o.groupBy}"` : 'folds');
  const split = (f: number) => {
    const train: number[] = [], test: number[] = [];
    rows.forEach((_, i) => (folds[i] === f ? test : train).push(i));
    return { train, test };
  };
  const modelParts = [], handParts = [];
  for (let f = 0; f < k; f++) {
    const { train, test } = split(f);
    modelParts.push({ fold: f, test, ...foldScores(rows, train, test, o.settings, `fold ${f + 1} of ${k}`) });
    handParts.push({ fold: f, test, scores: Float64Array.from(test, (i) => rows[i]!.hand), threshold: DEFAULT_THRESHOLD });
  }
  let curve: CvReport['learning_curve'] = null;
  if (o.learningCurve && o.learningCurve.length > 0) {
    curve = [];
    for (const n of o.learningCurve) {
      const ap: (number | null)[] = [], f1: (number | null)[] = [], hap: (number | null)[] = [], hf1: (number | null)[] = [];
      let used = 0;
      for (let f = 0; f < k; f++) {
        const { train, test } = split(f);
        const sub = subsample(rows, train, n, o.settings.seed + f);
        used = Math.max(used, sub.length);
        const { scores, threshold } = foldScores(rows, sub, test, o.settings, `learning curve at ${n} labels, fold ${f + 1} of ${k}`);
        const ys = test.map((i) => rows[i]!.example.label);
        const m = metricsAt(scores, ys, threshold);
        const h = metricsAt(test.map((i) => rows[i]!.hand), ys, DEFAULT_THRESHOLD);
        ap.push(m.average_precision); f1.push(m.f1); hap.push(h.average_precision); hf1.push(h.f1);
      }
      curve.push({ labels: used, model: { average_precision: spread(ap), f1: spread(f1) }, hand_weighted: { average_precision: spread(hap), f1: spread(hf1) } });
    }
  }
  return {
    schema: CV_SCHEMA,
    folds: k,
    group_by: o.groupBy ?? null,
    groups: new Set(rows.map((r) => r.group)).size,
    seed: o.settings.seed,
    rows: rows.length,
    positives: pos,
    negatives: rows.length - pos,
    unlabelled,
    model: summarize(rows, modelParts),
    hand_weighted: summarize(rows, handParts),
    learning_curve: curve,
  };
}
