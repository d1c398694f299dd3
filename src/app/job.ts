/** One scoring job's settings, the same in the main thread and in workers. */
import { Scorer } from '../core/scorer.js';
import { loadLexicons } from '../lexicon/load.js';
import { compactOf, type Compact } from '../output/record.js';
import type { InputRecord } from '../input/read.js';
import { scoreRecord, type FieldPlan, type ScoreInputsOptions } from './score.js';

export interface ScoreJob {
  lexiconPaths: string[];
  defaultLexicons: boolean;
  threshold: number;
  keep: ScoreInputsOptions['keep'];
  /** keep the scored texts in each compact record (the table format needs them) */
  withTexts: boolean;
  /** compute each listing's SimHash (near-duplicate groups) */
  withSim: boolean;
}

export interface PlannedRecord {
  rec: InputRecord;
  plan: FieldPlan;
  order: number;
}

export function scorerFor(job: ScoreJob): Scorer {
  return new Scorer(loadLexicons({ paths: job.lexiconPaths, defaults: job.defaultLexicons }));
}

/** Scores one planned record into its compact output form. */
export function scoreCompact(scorer: Scorer, job: ScoreJob, p: PlannedRecord): Compact {
  return compactOf(scoreRecord(scorer, p.rec, p.plan, job.keep, p.order), job.threshold, job.withTexts, job.withSim);
}
