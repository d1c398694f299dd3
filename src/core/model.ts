/**
 * Learned models (`wildsift train`, `--model`): the features of a scored
 * listing, the model data (schema wildsift.model/1) and its additive,
 * calibrated prediction. Pure.
 *
 * A listing's features are of three families:
 * - prior: the hand-weighted raw score over the lexicons' scale (clipped to
 *   -2..3), so that a model starts from the lexicons' knowledge;
 * - lexicon: `entry:<id>` for every entry that hit (not inside a longer hit,
 *   not negated), `kind:<kind>@<field>` = log(1 + distinct entries of that
 *   kind in that field), `lead:<kind>@<field>` for a hit in the first
 *   LEAD_CHARS characters of its field, `transform:<t>` for a hit found only
 *   after de-obfuscation, `status:<status>:<kind>` for hits the hand scoring
 *   counted uncorroborated, capped or for another product, and
 *   `negated:<kind>` for benign or news terms cancelled by a negation;
 * - text: hashed word and character n-grams of the normalized text fields
 *   (features.ts), unit length, so a long text does not weigh more.
 * A model scores only listings in which the lexicons found product evidence
 * (a product, species or code-word hit that is not inside a longer one): the
 * others score 0, as with the hand weights. Text n-grams re-weigh what the
 * lexicons found; they never flag a listing on their own (trained without
 * that rule, a model flagged phones and laptops for their prices and chat
 * contacts: 17 of the 320 benign listings).
 * The model's logit is intercept + Σ weight·value; Platt's a and b turn it
 * into the calibrated log-odds a·logit + b, and every feature's contribution
 * is a·weight·value, so the contributions and the bias a·intercept + b add up
 * to the calibrated log-odds whose sigmoid is the score.
 */
import { round } from './explain.js';
import { fingerprint64 } from './hash.js';
import { featureNames, hashedFeatures, ngramLabel, type HashingOptions, type SparseVector } from './features.js';
import { sigmoid } from './logreg.js';
import type { FieldText } from './matcher.js';
import { normalizeText } from './normalize.js';
import { DEFAULT_SCORE_OPTIONS, levelOf, type ScoreResult } from './score.js';
import type { Level } from './types.js';

export const MODEL_SCHEMA = 'wildsift.model/1';
/** a hit starting in this many first characters of its field also gives a lead:<kind>@<field> feature */
export const LEAD_CHARS = 40;
export const PRIOR = 'prior';
/** how many of the strongest contributions a score record carries (explain --model shows all) */
export const TOP_FEATURES = 5;

/** What features need of a hit: the fields of an output hit record. */
export interface HitLike {
  entry: string;
  kind: string;
  field: string;
  start: number;
  transform: string;
  status: string;
  /** 'context' for a hit in a context field (absent: item) */
  role?: string;
}

export interface ModelData {
  schema: string;
  /** the wildsift version that wrote the file */
  created_by: string;
  /** the lexicon set it was trained with: its fingerprint (lexiconSetId) and the lexicons' names and versions */
  lexicons: { id: string; sets: { name: string; version: string }[] };
  features: {
    hashing: { bits: number; word_ngrams: number[]; char_ngrams: number[] };
    min_df: number;
    max_df: number;
    prior_scale: number;
    lead_chars: number;
  };
  intercept: number;
  /** named (prior and lexicon) feature weights, and [bucket, weight] of the hashed text features */
  weights: { named: Record<string, number>; hashed: [number, number][] };
  calibration: { method: 'platt'; a: number; b: number };
  /** the flag threshold on the calibrated probability */
  threshold: number;
  /** how the threshold was chosen: "best-f1" or "precision>=p" */
  threshold_rule: string;
  training: Record<string, unknown>;
}

export function hashingOf(m: Pick<ModelData, 'features'>): HashingOptions {
  const h = m.features.hashing;
  return { bits: h.bits, wordNgrams: h.word_ngrams, charNgrams: h.char_ngrams };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** The prior feature: the hand-weighted raw score (as written: 3 decimals) over the lexicons' scale, clipped. */
export function priorValue(raw: number, scale = DEFAULT_SCORE_OPTIONS.scale): number {
  return clamp(round(raw, 3) / scale, -2, 3);
}

const NOT_FEATURES = new Set(['inside', 'negation']);
const EVIDENCE = new Set(['product', 'species', 'code_word']);
const NOT_EVIDENCE = new Set(['inside', 'negation', 'negated', 'no-evidence']);

/** Whether the lexicons found product evidence: the listings a model scores. */
export function hasEvidence(hits: readonly HitLike[]): boolean {
  return hits.some((h) => EVIDENCE.has(h.kind) && h.role !== 'context' && !NOT_EVIDENCE.has(h.status));
}
const STATUS_FEATURES = new Set(['uncorroborated', 'capped', 'other-product']);

/** The prior and lexicon features of a listing, by name. */
export function lexiconFeatures(raw: number, hits: readonly HitLike[], leadChars = LEAD_CHARS, scale = DEFAULT_SCORE_OPTIONS.scale): Map<string, number> {
  const f = new Map<string, number>([[PRIOR, priorValue(raw, scale)]]);
  const perKind = new Map<string, Set<string>>();
  for (const h of hits) {
    if (NOT_FEATURES.has(h.status)) continue;
    if (h.status === 'negated') { f.set(`negated:${h.kind}`, 1); continue; }
    f.set(`entry:${h.entry}`, 1);
    const kf = `${h.kind}@${h.field}`;
    let s = perKind.get(kf);
    if (s === undefined) perKind.set(kf, (s = new Set()));
    s.add(h.entry);
    if (STATUS_FEATURES.has(h.status)) f.set(`status:${h.status}:${h.kind}`, 1);
    if (h.transform !== 'exact') f.set(`transform:${h.transform}`, 1);
    if (h.start < leadChars) f.set(`lead:${kf}`, 1);
  }
  for (const [kf, s] of perKind) f.set(`kind:${kf}`, Math.log1p(s.size));
  return f;
}

/** The text the n-grams are taken of: every scored field, normalized, one per line. */
export function modelText(texts: readonly FieldText[]): string {
  return texts.map((t) => normalizeText(t.text)).join('\n');
}

/** The hits of a score result as HitLike. */
export function hitsOf(result: ScoreResult): HitLike[] {
  return result.hits.map((s) => ({ entry: s.hit.entry.id, kind: s.hit.entry.kind, field: s.hit.field, start: s.hit.start, transform: s.hit.transform, status: s.status, ...(s.hit.role === 'context' ? { role: 'context' } : {}) }));
}

export interface Contribution {
  /** "prior", "entry:ivory.en", "kind:product@title", "text:#123" (a hashed bucket) or its n-gram names */
  feature: string;
  value: number;
  /** the model's weight (before calibration) */
  weight: number;
  /** a · weight · value: its share of the calibrated log-odds */
  contribution: number;
  /** for a text feature: its bucket */
  bucket?: number;
}

export interface ModelOutcome {
  /** false: no product evidence, so the model was not applied and the score is 0 */
  applied: boolean;
  /** the calibrated probability: the listing's score */
  probability: number;
  /** calibrated log-odds: bias + the sum of all contributions */
  logit: number;
  level: Level;
  /** a · intercept + b */
  bias: number;
  /** the contributions summed by family */
  parts: { prior: number; lexicon: number; text: number };
  /** the strongest features (all of them with limit Infinity), largest |contribution| first, then by name; text buckets named by their first n-gram */
  contributions: Contribution[];
}

/** 16 hex digits over the whole model: written into every record scored with it, so that merge refuses shards scored with other models. */
export function modelId(m: ModelData): string {
  return fingerprint64([JSON.stringify(m)]);
}

/** A model ready to score: weights in lookup tables, built once per thread. */
export class ModelScorer {
  private readonly named: Map<string, number>;
  private readonly hashed: Float64Array;
  readonly hashing: HashingOptions;
  readonly id: string;

  constructor(readonly model: ModelData) {
    this.id = modelId(model);
    this.named = new Map(Object.entries(model.weights.named));
    this.hashing = hashingOf(model);
    this.hashed = new Float64Array(2 ** this.hashing.bits);
    for (const [j, w] of model.weights.hashed) this.hashed[j] = w;
  }

  /** The features of a listing: named, and the hashed text vector with each bucket's first n-gram. */
  features(raw: number, hits: readonly HitLike[], texts: readonly FieldText[]): { named: Map<string, number>; hashed: SparseVector; keys: Map<number, string> } {
    const keys = new Map<number, string>();
    const named = lexiconFeatures(raw, hits, this.model.features.lead_chars, this.model.features.prior_scale);
    return { named, hashed: hashedFeatures(modelText(texts), this.hashing, keys), keys };
  }

  /** Every n-gram of each text bucket (for explanations: a bucket can hold several). */
  bucketNames(texts: readonly FieldText[]): Map<number, string[]> {
    return featureNames(modelText(texts), this.hashing);
  }

  /**
   * Scores a listing from its hand-weighted result and texts. `limit`: how
   * many contributions to keep, largest |contribution| first (records keep
   * TOP_FEATURES; explain asks for all). The sums cover every feature either way.
   * Measured on 100k generated listings (--jobs 1): building, naming and sorting
   * every contribution cost 30% of scoring throughput; keeping the top five
   * while summing, and naming only those, is what keeps a model under 20%.
   */
  outcome(result: Pick<ScoreResult, 'raw'>, hits: readonly HitLike[], texts: readonly FieldText[], limit: number = TOP_FEATURES): ModelOutcome {
    if (!hasEvidence(hits)) return { applied: false, probability: 0, logit: -Infinity, level: 'none', bias: 0, parts: { prior: 0, lexicon: 0, text: 0 }, contributions: [] };
    const { named, hashed, keys } = this.features(result.raw, hits, texts);
    const { a, b } = this.model.calibration;
    const parts = { prior: 0, lexicon: 0, text: 0 };
    const top = new TopContributions(limit);
    for (const [name, value] of named) {
      const w = this.named.get(name);
      if (w === undefined || w === 0 || value === 0) continue;
      const c = a * w * value;
      top.offer(c, () => ({ feature: name, value, weight: w, contribution: c }));
      if (name === PRIOR) parts.prior += c;
      else parts.lexicon += c;
    }
    for (let k = 0; k < hashed.indices.length; k++) {
      const j = hashed.indices[k]!;
      const w = this.hashed[j]!;
      if (w === 0) continue;
      const value = hashed.values[k]!;
      const c = a * w * value;
      top.offer(c, () => {
        const key = keys.get(j);
        return { feature: `text:${key === undefined ? `#${j}` : ngramLabel(key)}`, value, weight: w, contribution: c, bucket: j };
      });
      parts.text += c;
    }
    const bias = a * this.model.intercept + b;
    const logit = bias + parts.prior + parts.lexicon + parts.text;
    const probability = sigmoid(logit);
    return { applied: true, probability, logit, level: levelOf(round(probability), DEFAULT_SCORE_OPTIONS.levels), bias, parts, contributions: top.sorted() };
  }
}

/** Largest |contribution| first, then by feature name: one order for records and explain. */
const byStrength = (x: Contribution, y: Contribution): number =>
  Math.abs(y.contribution) - Math.abs(x.contribution) || (x.feature < y.feature ? -1 : x.feature > y.feature ? 1 : 0);

/** The `limit` strongest contributions; a contribution's object (and name) is built only when it may be kept. */
class TopContributions {
  private readonly items: Contribution[] = [];
  /** once `limit` are kept, they are kept sorted, the weakest last */
  private full = false;
  constructor(private readonly limit: number) {}

  offer(c: number, make: () => Contribution): void {
    const items = this.items;
    if (items.length < this.limit) { items.push(make()); return; }
    if (this.limit <= 0) return;
    if (!this.full) { items.sort(byStrength); this.full = true; }
    const last = items[items.length - 1]!;
    if (Math.abs(c) < Math.abs(last.contribution)) return;
    const item = make();
    if (byStrength(item, last) >= 0) return;
    let i = items.length - 1;
    while (i > 0 && byStrength(item, items[i - 1]!) < 0) i--;
    items.splice(i, 0, item);
    items.pop();
  }

  sorted(): Contribution[] {
    return this.items.sort(byStrength);
  }
}
