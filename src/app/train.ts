/**
 * `wildsift train` and `eval --cv`: labelled listings -> features -> a
 * calibrated model (schema wildsift.model/1), and cross-validated metrics.
 * The learning itself is the pure core's (core/train.ts). No process globals.
 */
import { round } from '../core/explain.js';
import { UsageError } from '../core/errors.js';
import { getPath, type Row } from '../core/fields.js';
import { DEFAULT_HASHING, hashedFeatures, type HashingOptions } from '../core/features.js';
import { lexiconSetId } from '../core/lexset.js';
import { hasEvidence, LEAD_CHARS, lexiconFeatures, MODEL_SCHEMA, modelText, type ModelData } from '../core/model.js';
import { DEFAULT_SCORE_OPTIONS, DEFAULT_THRESHOLD } from '../core/score.js';
import { DEFAULT_TRAIN, metricsAt, trainModel, writtenWeights, type Example, type FoldMetrics, type TrainSettings } from '../core/train.js';
import type { Lexicon } from '../core/types.js';
import type { InputSpec, ReadSettings } from '../input/read.js';
import type { LoadOptions } from '../lexicon/load.js';
import { languageOf, recordOf } from '../output/record.js';
import type { InputLog } from './inputs.js';
import { Labels, requireFields } from './labels.js';
import { scorePipeline } from './pipeline.js';

export interface LabelledOptions {
  read: ReadSettings;
  lexicons: LoadOptions;
  jobs?: number;
  label: string;
  positive?: string[];
  skipUnlabelled?: boolean;
  where: { field: string; value: string }[];
  hashing: HashingOptions;
  /** field whose value keeps rows together in one fold (a seller) */
  groupBy?: string;
  productField?: string;
  langField?: string;
}

/** A labelled listing: its features, and what cross-validation reports it by. */
export interface LabelledRow {
  example: Example;
  id: string;
  /** the hand-weighted score */
  hand: number;
  /** the lexicons found product evidence: the model scores it (others score 0) */
  evidence: boolean;
  group: string;
  product: string | null;
  lang: string;
}

export interface Labelled {
  rows: LabelledRow[];
  lexicons: Lexicon[];
  unlabelled: number;
}

const NO_NGRAMS = { indices: new Uint32Array(0), values: new Float64Array(0) };
const NO_NAMED: ReadonlyMap<string, number> = new Map();

/** Reads and scores labelled listings, with each one's features. */
export async function labelledExamples(inputs: readonly InputSpec[], o: LabelledOptions, log: InputLog): Promise<Labelled> {
  const labels = new Labels({ label: o.label, ...(o.positive ? { positive: o.positive } : {}), ...(o.skipUnlabelled ? { skipUnlabelled: true } : {}) });
  const pipeline = await scorePipeline(inputs, {
    read: o.read,
    log,
    job: { lexicons: [o.lexicons], threshold: DEFAULT_THRESHOLD, keep: 'all', withTexts: true, allHits: true },
    ...(o.jobs !== undefined ? { jobs: o.jobs } : {}),
  });
  const rows: LabelledRow[] = [];
  let checked = false;
  let langField = o.langField;
  let productField = o.productField;
  for await (const c of pipeline.records) {
    const r = recordOf(c, null);
    const f = r.fields as Row;
    if (!checked) {
      requireFields(f, [o.label, ...(o.groupBy ? [o.groupBy] : []), ...(o.productField ? [o.productField] : []), ...(o.langField ? [o.langField] : []), ...o.where.map((w) => w.field)], r.source);
      langField ??= ['lang', 'language'].find((k) => getPath(f, k) !== undefined);
      productField ??= getPath(f, 'product') !== undefined ? 'product' : undefined;
      checked = true;
    }
    if (!o.where.every((w) => String(getPath(f, w.field) ?? '') === w.value)) continue;
    const positive = labels.of(f, `${r.source} row ${r.row}`);
    if (positive === undefined) continue;
    const evidence = hasEvidence(r.hits);
    // the model learns from and scores only the listings with evidence: the others need no features
    // (measured on 100k generated listings, 9% with evidence: peak RSS 1.3 GB when every row kept its n-grams, 0.87 GB without)
    const example: Example = evidence
      ? { named: lexiconFeatures(r.raw, r.hits, LEAD_CHARS, DEFAULT_SCORE_OPTIONS.scale), hashed: hashedFeatures(modelText(c.texts ?? []), o.hashing), label: positive ? 1 : 0 }
      : { named: NO_NAMED, hashed: NO_NGRAMS, label: positive ? 1 : 0 };
    const product = productField ? String(getPath(f, productField) ?? '').trim() : '';
    const lang = langField ? String(getPath(f, langField) ?? '').trim() : '';
    rows.push({
      example,
      id: r.id,
      hand: r.score,
      evidence,
      group: o.groupBy ? String(getPath(f, o.groupBy) ?? '') : `${r.source}\u0000${r.row}`,
      product: positive && product ? product : null,
      lang: lang || languageOf(r),
    });
  }
  labels.finish();
  return { rows, lexicons: pipeline.lexicons[0]!, unlabelled: labels.unlabelled };
}

export interface TrainOptions extends LabelledOptions {
  settings: TrainSettings;
  /** written into the model: "wildsift 0.1.0" */
  createdBy: string;
  /** the input names, for the training summary */
  inputNames: string[];
}

const r4 = (x: number | null) => (x === null ? null : round(x, 4));

export function roundedMetrics(m: FoldMetrics): FoldMetrics {
  return { ...m, average_precision: r4(m.average_precision), precision: r4(m.precision), recall: r4(m.recall), f1: r4(m.f1), precision_at: Object.fromEntries(Object.entries(m.precision_at).map(([k, v]) => [k, r4(v)])) };
}

/** Refuses labelled rows that cannot train a model: none, one class only, or one class only among those with lexicon evidence. */
export function checkClasses(rows: readonly LabelledRow[], label: string): void {
  const pos = rows.filter((r) => r.example.label === 1).length;
  if (rows.length === 0) throw new UsageError(`no labelled listings to train on`, { option: 'label' });
  if (pos === 0 || pos === rows.length) throw new UsageError(`all ${rows.length} labelled listings are ${pos === 0 ? 'negative' : 'positive'} (label field "${label}"): training needs both classes; check the label values (--positive names the positive ones)`, { option: 'label,positive' });
  const ev = rows.filter((r) => r.evidence);
  const evPos = ev.filter((r) => r.example.label === 1).length;
  if (evPos === 0 || evPos === ev.length) throw new UsageError(`a model learns from the listings in which the lexicons find product evidence, and all ${ev.length} of these are ${evPos === 0 ? 'negative' : 'positive'}: label some of the other class`, { option: 'label' });
}

/** Row indices the model learns from: those with lexicon evidence. */
export const evidenceRows = (rows: readonly LabelledRow[], among: readonly number[] = rows.map((_, i) => i)): number[] => among.filter((i) => rows[i]!.evidence);

/** Every row's model score: the out-of-fold (or test) probability where the model applies, 0 elsewhere. */
export function fullScores(n: number, idx: readonly number[], probs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(n);
  idx.forEach((i, k) => (out[i] = probs[k]!));
  return out;
}

/** Trains a model on labelled listings: the model file's content. */
export async function trainOnListings(inputs: readonly InputSpec[], o: TrainOptions, log: InputLog): Promise<ModelData> {
  const { rows, lexicons, unlabelled } = await labelledExamples(inputs, o, log);
  checkClasses(rows, o.label);
  const examples = rows.map((r) => r.example);
  const idx = evidenceRows(rows);
  const t = trainModel(examples, idx, o.settings);
  const labels = examples.map((e) => e.label);
  const oof = fullScores(rows.length, idx, t.oof);
  const cv = metricsAt(oof, labels, t.cut.threshold);
  const hand = metricsAt(rows.map((r) => r.hand), labels, DEFAULT_THRESHOLD);
  const weights = writtenWeights(t.linear);
  const s = o.settings;
  return {
    schema: MODEL_SCHEMA,
    created_by: o.createdBy,
    lexicons: { id: lexiconSetId(lexicons), sets: lexicons.map((l) => ({ name: l.name, version: l.version })) },
    features: {
      hashing: { bits: o.hashing.bits, word_ngrams: [...o.hashing.wordNgrams], char_ngrams: [...o.hashing.charNgrams] },
      min_df: s.minDf,
      max_df: s.maxDf,
      prior_scale: DEFAULT_SCORE_OPTIONS.scale,
      lead_chars: LEAD_CHARS,
    },
    intercept: Number(t.linear.intercept.toPrecision(7)),
    weights,
    calibration: { method: 'platt', a: Number(t.platt.a.toPrecision(7)), b: Number(t.platt.b.toPrecision(7)) },
    threshold: t.cut.threshold,
    threshold_rule: s.targetPrecision === undefined ? 'best-f1' : `precision>=${s.targetPrecision}`,
    training: {
      inputs: o.inputNames,
      label: o.label,
      ...(o.positive ? { positive: o.positive } : {}),
      ...(o.where.length > 0 ? { where: o.where.map((w) => `${w.field}=${w.value}`) } : {}),
      rows: rows.length,
      positives: labels.filter((y) => y === 1).length,
      negatives: labels.filter((y) => y === 0).length,
      unlabelled,
      with_evidence: idx.length,
      positives_without_evidence: rows.filter((r) => !r.evidence && r.example.label === 1).length,
      settings: { l2: s.l2, prior_penalty: s.priorPenalty, class_weight: 'balanced', folds: s.folds, seed: s.seed },
      features: { named: Object.keys(weights.named).length, hashed: weights.hashed.length },
      iterations: t.linear.iterations,
      converged: t.linear.converged,
      cv: { ...roundedMetrics(cv), folds: t.cv.folds, ece: round(t.cv.ece, 4) },
      hand_weighted: { threshold: DEFAULT_THRESHOLD, ...roundedMetrics(hand) },
    },
  };
}

export { DEFAULT_HASHING, DEFAULT_TRAIN };
