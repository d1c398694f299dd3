/**
 * The scoring pipeline shared by score, stats and report: inputs -> planned
 * records -> compact scored records (in this thread or in worker threads) ->
 * near-duplicate groups, in input order.
 */
import type { FieldPlan, InputOptions } from './score.js';
import { inputOptionsOf, planRecords } from './score.js';
import { scoreCompact, scorerFor, type PlannedRecord, type ScoreJob } from './job.js';
import { scoreInWorkers } from './pool.js';
import { NearDuplicates } from './dedup.js';
import { withGroup, type Compact } from '../output/record.js';
import type { InputRecord, InputSpec } from '../input/read.js';

export interface PipelineOptions extends InputOptions {
  job: ScoreJob;
  jobs: number;
  /** near-duplicate distance; undefined: no groups */
  dupDistance?: number;
  onBytes?: (n: number) => void;
  /** sees every record before it is scored (main thread) */
  onRecord?: (rec: InputRecord, plan: FieldPlan) => void;
}

export interface Pipeline {
  records: AsyncGenerator<Compact>;
  /** near-duplicate groups so far */
  groups: () => number | undefined;
}

export function scorePipeline(inputs: readonly InputSpec[], o: PipelineOptions): Pipeline {
  const job: ScoreJob = { ...o.job, withSim: o.dupDistance !== undefined };
  const dedup = o.dupDistance !== undefined ? new NearDuplicates(o.dupDistance) : undefined;
  async function* planned(): AsyncGenerator<PlannedRecord> {
    let order = 0;
    for await (const { rec, plan } of planRecords(inputs, { ...inputOptionsOf(o), ...(o.onBytes ? { onBytes: o.onBytes } : {}) })) {
      o.onRecord?.(rec, plan);
      yield { rec, plan, order: order++ };
    }
  }
  async function* inThisThread(): AsyncGenerator<Compact> {
    const scorer = scorerFor(job);
    for await (const p of planned()) yield scoreCompact(scorer, job, p);
  }
  async function* grouped(): AsyncGenerator<Compact> {
    for await (const c of o.jobs > 1 ? scoreInWorkers(planned(), job, o.jobs) : inThisThread()) {
      withGroup(c, dedup ? dedup.assign(c.sim ?? [0, 0]) : null);
      c.sim = undefined;
      yield c;
    }
  }
  return { records: grouped(), groups: () => dedup?.groupCount };
}
