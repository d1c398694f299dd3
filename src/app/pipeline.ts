/**
 * The one scoring pipeline of every command that scores listings: inputs ->
 * records with the field plan of their input -> compact scored records (in
 * this thread, or in worker threads) -> near-duplicate groups, in input order.
 * The output is the same for every number of jobs.
 */
import { availableParallelism } from 'node:os';
import { planFields, type FieldPlan } from '../input/fields.js';
import { readRecords, type InputRecord, type InputSpec, type ReadSettings } from '../input/read.js';
import { withGroup, type Compact } from '../output/record.js';
import { NearDuplicates } from './dedup.js';
import type { InputLog } from './inputs.js';
import { loadCompiledLexicons } from '../lexicon/cache.js';
import type { LoadOptions } from '../lexicon/files.js';
import type { Lexicon } from '../core/types.js';
import { checkModelLexicons, type LoadedModel } from '../lexicon/model.js';
import { JobScorer, type PlannedRecord, type ScoreJob } from './job.js';
import { scoreInWorkers } from './pool.js';

/** Inputs smaller than this are scored in the main thread unless the caller asks for jobs. */
export const SMALL_INPUT = 2_000_000;

/** Worker threads for these inputs: the available cores, or 1 for files under SMALL_INPUT bytes in all. */
export function defaultJobs(inputs: readonly InputSpec[]): number {
  const total = totalBytes(inputs);
  return total !== undefined && total < SMALL_INPUT ? 1 : Math.max(1, availableParallelism());
}

/** The inputs' size in bytes, when every one is a file of known size. */
export function totalBytes(inputs: readonly InputSpec[]): number | undefined {
  let n = 0;
  for (const i of inputs) {
    if (i.size === undefined) return undefined;
    n += i.size;
  }
  return n;
}

export interface PipelineOptions {
  read: ReadSettings;
  log: InputLog;
  /** the job, with its lexicon sets as load options (loaded here, once) */
  job: Omit<ScoreJob, 'withSim' | 'lexicons' | 'model'> & { lexicons: LoadOptions[] };
  /** a learned model scoring with the first lexicon set: refused when it was trained with other lexicons */
  model?: LoadedModel;
  /** worker threads; undefined: defaultJobs */
  jobs?: number;
  /** near-duplicate distance; undefined: no groups */
  dupDistance?: number;
  onBytes?: (n: number) => void;
  /** sees every record before it is scored (main thread) */
  onRecord?: (rec: InputRecord, plan: FieldPlan) => void;
}

export interface Pipeline {
  records: AsyncGenerator<Compact>;
  /** the lexicon sets, as loaded */
  lexicons: Lexicon[][];
  /** each set's lexiconSetId */
  setIds: string[];
  /** near-duplicate groups so far (undefined without groups) */
  groups: () => number | undefined;
}

/** Records of every input, in input order, each with the field plan decided from the first record of its input. */
export async function* plannedRecords(inputs: readonly InputSpec[], read: ReadSettings, log: InputLog, onBytes?: (n: number) => void): AsyncGenerator<PlannedRecord> {
  let order = 0;
  for (const input of inputs) {
    let plan: FieldPlan | undefined;
    for await (const rec of readRecords(input, { ...read, ...log.handlers(onBytes) })) {
      plan ??= planFields(rec.data, input.name, read.text, read.id, read.context);
      yield { rec, plan, order: order++ };
    }
  }
}

export async function scorePipeline(inputs: readonly InputSpec[], o: PipelineOptions): Promise<Pipeline> {
  const compiled = [];
  for (const l of o.job.lexicons) compiled.push(await loadCompiledLexicons(l));
  const tables = compiled.map((c) => c.tables);
  const job: ScoreJob = { ...o.job, lexicons: compiled.map((c) => c.lexicons), compiled: compiled.map((c) => c.bytes), setIds: compiled.map((c) => c.setId), withSim: o.dupDistance !== undefined };
  if (o.model) {
    checkModelLexicons(o.model.data, job.lexicons[0]!, o.model.file);
    job.model = o.model.data;
  }
  const jobs = o.jobs ?? defaultJobs(inputs);
  const dedup = o.dupDistance !== undefined ? new NearDuplicates(o.dupDistance) : undefined;
  async function* planned(): AsyncGenerator<PlannedRecord> {
    for await (const p of plannedRecords(inputs, o.read, o.log, o.onBytes)) {
      o.onRecord?.(p.rec, p.plan);
      yield p;
    }
  }
  async function* inThisThread(): AsyncGenerator<Compact> {
    const scorer = new JobScorer(job, tables);
    for await (const p of planned()) yield scorer.score(p);
  }
  async function* grouped(): AsyncGenerator<Compact> {
    for await (const c of jobs > 1 ? scoreInWorkers(planned(), job, jobs) : inThisThread()) {
      withGroup(c, dedup ? dedup.assign(c.sim ?? [0, 0]) : null);
      c.sim = undefined;
      yield c;
    }
  }
  return { records: grouped(), lexicons: job.lexicons, setIds: compiled.map((c) => c.setId), groups: () => dedup?.groupCount };
}
