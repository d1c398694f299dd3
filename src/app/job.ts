/**
 * One scoring job's settings and the code that scores a record with them,
 * the same in the main thread and in worker threads (so output does not
 * depend on --jobs).
 */
import { decodeCompiled } from '../core/compiled.js';
import { contentKey, textFingerprint } from '../core/baseline.js';
import type { MatcherTables } from '../core/matcher.js';
import { Scorer } from '../core/scorer.js';
import { getPath, textOf, type Row } from '../core/fields.js';
import { listingScore, type ScoredListing } from '../core/listing.js';
import { lexiconSetId } from '../core/lexset.js';
import { hitsOf, ModelScorer, type ModelData } from '../core/model.js';
import { round } from '../core/explain.js';
import type { Lexicon } from '../core/types.js';
import type { FieldText } from '../core/matcher.js';
import { compactOf, toOutputRecord, type Compact } from '../output/record.js';
import type { FieldPlan } from '../input/fields.js';
import type { InputRecord } from '../input/read.js';

/** Which original fields to keep in the output: all, none, or a list. */
export type Keep = 'all' | 'none' | string[];

export interface ScoreJob {
  /**
   * the lexicon set that scores; further sets score the same texts for
   * comparison (diff). Loaded once, by the main thread, and sent to workers
   * as data: files (and pipes) are read once, and a broken lexicon stops the
   * run before any input is read.
   */
  lexicons: Lexicon[][];
  /**
   * each set's compiled matcher tables as bytes (lexicon/cache.ts), over a
   * SharedArrayBuffer: workers build their matchers over the same memory
   * instead of compiling the lexicons again
   */
  compiled?: Uint8Array[];
  /** each set's lexiconSetId, when known (compiled lexicons carry it) */
  setIds?: string[];
  /** give each compact record its content key (score --seen) */
  withContentKey?: boolean;
  /** give each flagged compact record what a baseline looks it up by (score --baseline) */
  withReviewKey?: boolean;
  threshold: number;
  keep: Keep;
  /** keep the scored texts in each compact record (excerpts need them) */
  withTexts: boolean;
  /** compute each listing's SimHash (near-duplicate groups) */
  withSim: boolean;
  /** a learned model that scores with the first lexicon set (checked against it when loaded) */
  model?: ModelData;
  /** records carry every hit, not only those that explain the score (--all-hits; train reads them all) */
  allHits?: boolean;
}

export interface PlannedRecord {
  rec: InputRecord;
  plan: FieldPlan;
  order: number;
}

function keepFields(data: Row, keep: Keep): Row {
  if (keep === 'all') return data;
  const out: Row = Object.create(null) as Row; // a kept field named __proto__ stays a field
  if (keep === 'none') return out;
  for (const k of keep) {
    const v = getPath(data, k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/**
 * Scores one record with the field plan of its input; `lexicons` is the
 * scorer's lexicon-set fingerprint, computed once per scorer. With a model,
 * the score is the model's calibrated probability.
 */
export function scoreRecord(scorer: Scorer, p: PlannedRecord, keep: Keep, lexicons: string, model?: ModelScorer): ScoredListing {
  const { rec, plan } = p;
  const texts: FieldText[] = plan.text.map((name) => ({ name, text: textOf(getPath(rec.data, name)) }));
  for (const name of plan.context) texts.push({ name, text: textOf(getPath(rec.data, name)), role: 'context' });
  const idValue = plan.id === undefined ? undefined : getPath(rec.data, plan.id);
  const idFromField = !(idValue === undefined || idValue === null || idValue === '');
  const id = idFromField ? String(idValue) : String(rec.row);
  const result = scorer.score(texts);
  const fingerprint = textFingerprint(result.normalized ?? []);
  const base = { order: p.order, source: rec.source, row: rec.row, id, idFromField, fingerprint, result, texts, fields: keepFields(rec.data, keep), lexicons };
  if (model === undefined) return { ...base, score: listingScore(result), level: result.level };
  const outcome = model.outcome(result, hitsOf(result), texts);
  return { ...base, score: round(outcome.probability), level: outcome.level, model: { id: model.id, outcome } };
}

/** The scorers of a job, built once per thread. */
export class JobScorer {
  readonly scorers: Scorer[];
  /** each scorer's lexicon set fingerprint */
  readonly ids: string[];
  readonly model: ModelScorer | undefined;
  /** `tables`: each lexicon set's matcher tables when the caller has them; else they are decoded from `job.compiled`, or compiled */
  constructor(readonly job: ScoreJob, tables?: readonly MatcherTables[]) {
    this.scorers = job.lexicons.map((l, i) => new Scorer(l, {}, tables?.[i] ?? (job.compiled?.[i] ? decodeCompiled(job.compiled[i]!).tables : undefined)));
    this.ids = this.scorers.map((s, i) => job.setIds?.[i] ?? lexiconSetId(s.lexicons));
    this.model = job.model ? new ModelScorer(job.model) : undefined;
  }

  /** One planned record in its compact output form (with the other lexicon sets' records as variants). */
  score(p: PlannedRecord): Compact {
    const [main, ...others] = this.scorers;
    const listing = scoreRecord(main!, p, this.job.keep, this.ids[0]!, this.model);
    const c = compactOf(listing, this.job.threshold, this.job.withTexts, this.job.withSim, this.job.allHits === true, this.job.withReviewKey === true);
    if (this.job.withContentKey) c.contentKey = contentKey(this.ids[0]!, listing.texts);
    if (others.length > 0) {
      c.variants = others.map((s, i) => {
        const result = s.score(listing.texts);
        const { rank: _rank, group: _group, ...rest } = toOutputRecord({ ...listing, score: listingScore(result), level: result.level, result, lexicons: this.ids[i + 1]!, model: undefined }, null, this.job.threshold, this.job.allHits === true);
        return JSON.stringify(rest);
      });
    }
    return c;
  }
}
