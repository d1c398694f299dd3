/**
 * The one scoring pipeline of every command that scores listings: inputs ->
 * records with the field plan of their input -> compact scored records (in
 * this thread, or in worker threads) -> near-duplicate groups, in input order.
 * The output is the same for every number of jobs.
 *
 * With worker threads, a plain file is read by the workers in byte ranges
 * (input/blocks.ts): this thread only finds where the ranges end, plans the
 * fields from the input's first record, and numbers what comes back. Other
 * inputs (stdin, compressed, other encodings, JSON documents) are read here
 * and sent to the workers in batches. Either way, what reading meets
 * (rejects, warnings) reaches the InputLog in its place among the records,
 * so that the error policy stops a run at the same record for every --jobs.
 */
import { availableParallelism } from 'node:os';
import { planFields, type FieldPlan } from '../input/fields.js';
import { readRecords, type InputSpec, type ReadSettings, type Reject, type Warning } from '../input/read.js';
import { blockInput, blockRanges, BlockOffsets, type BlockInput, type ByteRange } from '../input/blocks.js';
import { withGroup, type Compact, type RecordHead } from '../output/record.js';
import { NearDuplicates } from './dedup.js';
import type { InputLog } from './inputs.js';
import { loadCompiledLexicons } from '../lexicon/cache.js';
import type { LoadOptions } from '../lexicon/files.js';
import type { Lexicon } from '../core/types.js';
import { checkModelLexicons, type LoadedModel } from '../lexicon/model.js';
import { JobScorer, type PlannedRecord, type ScoreJob } from './job.js';
import { inWorkers, type PoolItem } from './pool.js';
import type { KeptNames, ReadEvent } from './tasks.js';

/** Inputs smaller than this are scored in the main thread unless the caller asks for jobs. */
export const SMALL_INPUT = 2_000_000;
/** Records a batch sent to a worker holds (inputs read by the main thread). */
export const BATCH_SIZE = 256;
/** Byte ranges for workers: about four per worker and input, within these bounds. */
const BLOCK_MIN = 64 * 1024;
const BLOCK_MAX = 1024 * 1024;

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

/** The size of the byte ranges of an input of `size` bytes read by `jobs` workers. */
function blockBytesFor(size: number | undefined, jobs: number): number {
  return size === undefined ? BLOCK_MAX : Math.min(BLOCK_MAX, Math.max(BLOCK_MIN, Math.ceil(size / (4 * jobs))));
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
  /** kept field names to note from every record (score: CSV columns, kept fields that no record has) */
  kept?: KeptNames;
  /** sees the head (id, source, row) of every scored record, in input order, before it is written */
  onHead?: (h: RecordHead) => void;
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

/** What the main thread keeps of a pool item until its reply comes. */
type Meta =
  | { kind: 'records'; events: ReadEvent[] }
  | { kind: 'block'; offsets: BlockOffsets; first: boolean; bytes: number }
  | { kind: 'end'; offsets: BlockOffsets }
  | { kind: 'error'; error: unknown };

const ignore = () => undefined;

/**
 * An input that workers read in byte ranges: the block form of the input,
 * the plan of its first record, and its ranges; undefined when it is read
 * here. An input whose start cannot be read, or whose first record cannot
 * be planned, is read here too: the error then comes in its place.
 */
async function splitInput(input: InputSpec, read: ReadSettings, blockBytes: number): Promise<{ block: BlockInput; plan: FieldPlan | undefined; ranges: AsyncGenerator<ByteRange>; first: ByteRange } | undefined> {
  let block: BlockInput | undefined;
  let plan: FieldPlan | undefined;
  try {
    block = await blockInput(input, read);
    if (!block) return undefined;
    for await (const rec of readRecords(input, { ...read, onReject: ignore, onWarning: ignore, onBroken: ignore })) {
      plan = planFields(rec.data, input.name, read.text, read.id, read.context);
      break;
    }
  } catch {
    return undefined;
  }
  const ranges = blockRanges(block, blockBytes);
  const first = await ranges.next();
  // a header only: read here (its warnings need no worker)
  if (first.done) return undefined;
  return { block, plan, ranges, first: first.value };
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
  const { log } = o;

  async function* inThisThread(): AsyncGenerator<Compact> {
    const scorer = new JobScorer(job, tables);
    for await (const p of plannedRecords(inputs, o.read, log, o.onBytes)) {
      o.kept?.note(p.rec.data);
      yield scorer.score(p);
    }
  }

  // the pool's items: ranges of the inputs that split, batches of the others
  async function* items(): AsyncGenerator<PoolItem<Meta>> {
    let events: ReadEvent[] = [];
    let batch: PlannedRecord[] = [];
    const flush = (): PoolItem<Meta> => {
      const item: PoolItem<Meta> = { ...(batch.length > 0 ? { task: { kind: 'records', items: batch } } : {}), meta: { kind: 'records', events } };
      batch = [];
      events = [];
      return item;
    };
    // records read here, what reading meets kept for its turn
    const handlers = {
      onReject: (reject: Reject) => { events.push({ at: batch.length, reject }); },
      onWarning: (warning: Warning) => { events.push({ at: batch.length, warning }); },
      onBroken: (source: string, message: string) => { events.push({ at: batch.length, broken: { source, message } }); },
      ...(o.onBytes ? { onBytes: o.onBytes } : {}),
    };
    try {
      for (const input of inputs) {
        // diff's further lexicon sets write whole records (with rows) in the worker: read here
        const split = job.lexicons.length === 1 ? await splitInput(input, o.read, blockBytesFor(input.size, jobs)) : undefined;
        if (split) {
          const { block, plan } = split;
          const offsets = new BlockOffsets(block);
          const task = (range: ByteRange) => ({ kind: 'block' as const, block, range, plan, read: o.read });
          // the header's bytes count with the first range
          yield { task: task(split.first), meta: { kind: 'block', offsets, first: true, bytes: split.first.end } };
          for await (const range of split.ranges) yield { task: task(range), meta: { kind: 'block', offsets, first: false, bytes: range.end - range.start } };
          yield { meta: { kind: 'end', offsets } };
          continue;
        }
        let plan: FieldPlan | undefined;
        for await (const rec of readRecords(input, { ...o.read, ...handlers })) {
          plan ??= planFields(rec.data, input.name, o.read.text, o.read.id, o.read.context);
          batch.push({ rec, plan, order: 0 });
          if (batch.length >= BATCH_SIZE) yield flush();
        }
        if (batch.length > 0 || events.length > 0) yield flush();
      }
    } catch (error) {
      // what was read before the error comes first
      if (batch.length > 0 || events.length > 0) yield flush();
      yield { meta: { kind: 'error', error } };
    }
  }

  async function* inPool(): AsyncGenerator<Compact> {
    let order = 0;
    for await (const { meta, reply, last } of inWorkers(items(), { job, ...(o.kept ? { kept: { keep: o.kept.keep, all: o.kept.all } } : {}) }, jobs)) {
      if (meta.kind === 'error') throw meta.error;
      if (meta.kind === 'end') {
        for (const w of meta.offsets.warnings(o.read)) log.onWarning(w);
        continue;
      }
      if (reply?.kept) o.kept?.merge(reply.kept);
      const results = reply?.results ?? [];
      const block = meta.kind === 'block' ? meta.offsets : undefined;
      const rowsBefore = block?.tally.rows ?? 0;
      let i = 0;
      const next = (): Compact => {
        const c = results[i++]!;
        c.head!.row += rowsBefore;
        c.order = order++;
        return c;
      };
      for (const e of (block ? reply!.events : meta.kind === 'records' ? meta.events : undefined) ?? []) {
        while (i < e.at) yield next();
        if (e.reject) log.onReject(block ? block.reject(e.reject) : e.reject);
        // every range reads the header: its warnings are given once
        else if (e.warning) { if (!block || (meta.kind === 'block' && meta.first)) log.onWarning(e.warning); }
        else if (e.broken) log.onBroken(e.broken.source, e.broken.message);
      }
      while (i < results.length) yield next();
      if (block && meta.kind === 'block' && last) {
        block.add(reply!.tally!);
        o.onBytes?.(meta.bytes);
      }
    }
  }

  async function* grouped(): AsyncGenerator<Compact> {
    for await (const c of jobs > 1 ? inPool() : inThisThread()) {
      if (o.onHead) o.onHead(c.head!);
      withGroup(c, dedup ? dedup.assign(c.sim ?? [0, 0]) : null);
      c.sim = undefined;
      yield c;
    }
  }
  return { records: grouped(), lexicons: job.lexicons, setIds: compiled.map((c) => c.setId), groups: () => dedup?.groupCount };
}
