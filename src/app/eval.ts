/**
 * `wildsift eval`: scores labelled listings and measures the scores against
 * the labels. Report schema wildsift.eval/1. No process globals.
 */
import { round } from '../core/explain.js';
import { UsageError } from '../core/errors.js';
import { Labels, requireFields } from './labels.js';
import { getPath, type Row } from '../core/fields.js';
import { listingExcerpt } from '../core/listing.js';
import type { FieldText } from '../core/matcher.js';
import { atThreshold, averagePrecision, precisionAtK, rocAuc, sweep, SWEEP_THRESHOLDS, type EvalItem, type ThresholdMetrics } from '../core/metrics.js';
import type { InputSpec, ReadSettings } from '../input/read.js';
import type { LoadOptions } from '../lexicon/load.js';
import { languageOf, recordOf, type OutputRecord } from '../output/record.js';
import type { InputLog } from './inputs.js';
import { scorePipeline } from './pipeline.js';
import { compareRank } from './rank.js';
import type { LoadedModel } from '../lexicon/model.js';

export const EVAL_SCHEMA = 'wildsift.eval/1';
export { DEFAULT_POSITIVE, DEFAULT_NEGATIVE } from './labels.js';
export const PRECISION_AT = [10, 50, 100];

export interface EvalOptions {
  read: ReadSettings;
  lexicons: LoadOptions;
  jobs?: number;
  /** label field; required unless allNegative */
  label?: string;
  /** every listing is a negative (a benign corpus without a label column) */
  allNegative?: boolean;
  /** the label values that mean positive; undefined: DEFAULT_POSITIVE, with DEFAULT_NEGATIVE the only negatives */
  positive?: string[];
  /** rows whose label is empty or missing are left out (counted in `unlabelled`) instead of refused */
  skipUnlabelled?: boolean;
  productField?: string;
  langField?: string;
  where: { field: string; value: string }[];
  threshold: number;
  /** a learned model that scores with these lexicons (refused when trained with others) */
  model?: LoadedModel;
  showErrors: number;
}

export interface Metrics extends ThresholdMetrics {
  average_precision: number | null;
  roc_auc: number | null;
  precision_at: Record<string, number | null>;
}

export interface GroupMetrics {
  group: string;
  rows: number;
  positives: number;
  predicted: number;
  tp: number;
  precision: number | null;
  recall: number | null;
  f1: number | null;
}

export interface ErrorCase {
  id: string;
  source: string;
  row: number;
  score: number;
  level: string;
  products: string[];
  expected_product: string | null;
  text: string;
  hits: { entry: string; match: string; field: string; transform: string; contribution: number; status: string }[];
}

export interface EvalReport {
  schema: string;
  threshold: number;
  rows: number;
  positives: number;
  negatives: number;
  /** rows left out because their label was empty or missing (skipUnlabelled) */
  unlabelled: number;
  metrics: Metrics;
  sweep: { threshold: number; precision: number | null; recall: number | null; f1: number | null }[];
  best_f1: { threshold: number; precision: number | null; recall: number | null; f1: number | null } | null;
  by_product: GroupMetrics[];
  by_language: GroupMetrics[];
  false_positives: ErrorCase[];
  false_negatives: ErrorCase[];
}

interface Labelled {
  record: OutputRecord;
  texts: FieldText[];
  order: number;
  /** the written score, for ranking */
  score: number;
  positive: boolean;
  product: string | null;
  lang: string;
}

const r4 = (x: number | null) => (x === null ? null : round(x, 4));

function metricsRecord(m: ThresholdMetrics): ThresholdMetrics {
  return { ...m, precision: r4(m.precision), recall: r4(m.recall), f1: r4(m.f1), accuracy: r4(m.accuracy) };
}

function group(name: string, members: readonly Labelled[], predicted: (l: Labelled) => boolean, positive: (l: Labelled) => boolean): GroupMetrics {
  const positives = members.filter(positive).length;
  const pred = members.filter(predicted);
  const tp = pred.filter(positive).length;
  const precision = pred.length === 0 ? null : tp / pred.length;
  const recall = positives === 0 ? null : tp / positives;
  const f1 = precision === null || recall === null ? null : precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { group: name, rows: members.length, positives, predicted: pred.length, tp, precision: r4(precision), recall: r4(recall), f1: r4(f1) };
}

function errorCase(x: Labelled): ErrorCase {
  const r = x.record;
  return {
    id: r.id,
    source: r.source,
    row: r.row,
    score: r.score,
    level: r.level,
    products: r.products,
    expected_product: x.product,
    text: listingExcerpt(x.texts, 200),
    hits: r.hits
      .filter((h) => h.contribution !== 0)
      .map((h) => ({ entry: h.entry, match: h.match, field: h.field, transform: h.transform, contribution: h.contribution, status: h.status })),
  };
}

export async function evaluate(inputs: readonly InputSpec[], opts: EvalOptions, log: InputLog): Promise<EvalReport> {
  if (!opts.allNegative && !opts.label) throw new UsageError('eval needs the field that holds the labels (or every listing taken as a negative)', { option: 'label' });
  if (opts.allNegative && opts.label) throw new UsageError('a label field and "every listing is a negative" exclude each other', { option: 'allNegative' });
  const labels = opts.allNegative ? undefined : new Labels({ label: opts.label!, ...(opts.positive ? { positive: opts.positive } : {}), ...(opts.skipUnlabelled ? { skipUnlabelled: true } : {}) });
  const rows: Labelled[] = [];
  let checked = false;
  let langField = opts.langField;
  let productField = opts.productField;
  const pipeline = await scorePipeline(inputs, {
    ...(opts.model ? { model: opts.model } : {}),
    read: opts.read,
    log,
    job: { lexicons: [opts.lexicons], threshold: opts.threshold, keep: 'all', withTexts: true },
    ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
  });
  for await (const c of pipeline.records) {
    const l = recordOf(c, null);
    const f = l.fields as Row;
    if (!checked) {
      const need = [...(opts.label ? [opts.label] : []), ...(opts.productField ? [opts.productField] : []), ...(opts.langField ? [opts.langField] : []), ...opts.where.map((w) => w.field)];
      requireFields(f, need, l.source);
      langField ??= ['lang', 'language'].find((k) => getPath(f, k) !== undefined);
      productField ??= getPath(f, 'product') !== undefined ? 'product' : undefined;
      checked = true;
    }
    if (!opts.where.every((w) => String(getPath(f, w.field) ?? '') === w.value)) continue;
    let positive = false;
    if (labels) {
      const p = labels.of(f, `${l.source} row ${l.row}`);
      if (p === undefined) continue;
      positive = p;
    }
    const productValue = productField ? String(getPath(f, productField) ?? '').trim() : '';
    const langValue = langField ? String(getPath(f, langField) ?? '').trim() : '';
    rows.push({ record: l, texts: c.texts ?? [], order: c.order, score: l.score, positive, product: positive && productValue ? productValue : null, lang: langValue || languageOf(l) });
  }
  labels?.finish();
  rows.sort(compareRank);
  const items: EvalItem[] = rows.map((r) => ({ score: r.score, positive: r.positive }));
  const t = opts.threshold;
  const m = atThreshold(items, t);
  const sw = sweep(items, SWEEP_THRESHOLDS);
  const predicted = (x: Labelled) => x.score >= t;

  // by product: with an expected-product column, a hit is the right product flagged;
  // without one, precision of the listings flagged for that product
  const productNames = new Set<string>();
  for (const r of rows) {
    if (r.product) productNames.add(r.product);
    if (predicted(r) && r.record.products[0]) productNames.add(r.record.products[0]);
  }
  const top = (x: Labelled) => x.record.products[0];
  const byProduct = [...productNames].sort().map((p) =>
    productField
      ? group(p, rows, (x) => predicted(x) && top(x) === p, (x) => x.positive && x.product === p)
      : group(p, rows.filter((x) => top(x) === p), predicted, (x) => x.positive),
  );
  const langs = [...new Set(rows.map((r) => r.lang))].sort();
  const byLanguage = langs.map((lang) => group(lang, rows.filter((r) => r.lang === lang), predicted, (x) => x.positive));

  const fps = rows.filter((r) => !r.positive && predicted(r)).slice(0, opts.showErrors);
  const fns = rows.filter((r) => r.positive && !predicted(r)).reverse().slice(0, opts.showErrors);
  const brief = (x: ThresholdMetrics) => ({ threshold: x.threshold, precision: r4(x.precision), recall: r4(x.recall), f1: r4(x.f1) });
  return {
    schema: EVAL_SCHEMA,
    threshold: t,
    rows: rows.length,
    positives: items.filter((i) => i.positive).length,
    negatives: items.filter((i) => !i.positive).length,
    unlabelled: labels?.unlabelled ?? 0,
    metrics: {
      ...metricsRecord(m),
      average_precision: r4(averagePrecision(items)),
      roc_auc: r4(rocAuc(items)),
      precision_at: Object.fromEntries(PRECISION_AT.map((k) => [String(k), r4(precisionAtK(items, k))])),
    },
    sweep: sw.rows.map(brief),
    best_f1: sw.best ? brief(sw.best) : null,
    by_product: byProduct,
    by_language: byLanguage,
    false_positives: fps.map(errorCase),
    false_negatives: fns.map(errorCase),
  };
}

export interface Gates {
  minPrecision?: number;
  minRecall?: number;
  minF1?: number;
  minAp?: number;
  maxFp?: number;
}

export interface GateFailure {
  metric: string;
  value: number | null;
  limit: number;
  /** the Gates key of the limit */
  option: keyof Gates;
  /** the failure in words, without the option */
  message: string;
}

/** Gate failures, each naming the metric, its value and the limit. */
export function checkGates(r: { metrics: Pick<Metrics, 'precision' | 'recall' | 'f1' | 'average_precision' | 'fp'> }, g: Gates): GateFailure[] {
  const out: GateFailure[] = [];
  const min = (metric: string, option: keyof Gates, value: number | null, limit: number | undefined) => {
    if (limit === undefined) return;
    if (value === null || value < limit) out.push({ metric, value, limit, option, message: `${metric} ${value === null ? 'undefined' : value.toFixed(4)} is below ${limit}` });
  };
  min('precision', 'minPrecision', r.metrics.precision, g.minPrecision);
  min('recall', 'minRecall', r.metrics.recall, g.minRecall);
  min('F1', 'minF1', r.metrics.f1, g.minF1);
  min('average precision', 'minAp', r.metrics.average_precision, g.minAp);
  if (g.maxFp !== undefined && r.metrics.fp > g.maxFp) out.push({ metric: 'false positives', value: r.metrics.fp, limit: g.maxFp, option: 'maxFp', message: `false positives ${r.metrics.fp} exceed ${g.maxFp}` });
  return out;
}
