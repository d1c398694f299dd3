/**
 * What worker threads are given to do (#15): a batch of records the main
 * thread read, or a byte range of a file that the worker reads itself
 * (input/blocks.ts). A worker scores the records into compact records; for
 * a range it also gives back what reading met (rejects, warnings), in
 * reading order and numbered from the range's start, and the range's tally.
 * The main thread takes the replies in task order and numbers them as one
 * reading of the input (pipeline.ts), so output does not depend on --jobs.
 */
import { getPath, type Row } from '../core/fields.js';
import { blockRecords, type BlockInput, type ByteRange } from '../input/blocks.js';
import type { FieldPlan } from '../input/fields.js';
import { newTally, type ReadSettings, type ReadTally, type Reject, type Warning } from '../input/read.js';
import type { Compact } from '../output/record.js';
import type { JobScorer, Keep, PlannedRecord } from './job.js';

/** Something reading met, for the run's InputLog, after `at` of the task's records. */
export interface ReadEvent {
  at: number;
  reject?: Reject;
  warning?: Warning;
  broken?: { source: string; message: string };
}

export type WorkerTask =
  | { kind: 'records'; items: PlannedRecord[] }
  /** `plan`: the field plan of the input's first record (undefined: the input has no record) */
  | { kind: 'block'; block: BlockInput; range: ByteRange; plan: FieldPlan | undefined; read: ReadSettings };

export interface TaskReply {
  /** compact records, in input order; a range's rows numbered from its start, `order` not yet set */
  results: Compact[];
  /** kept field names this worker had not met before (KeptNames) */
  kept?: string[];
  /** a range's rejects and warnings, in reading order (`at`: among this reply's results) */
  events?: ReadEvent[];
  /** a range's tally: in its last reply */
  tally?: ReadTally;
}

/**
 * The names of kept fields that records have, in the order they first
 * appear: the columns of CSV output, and which kept fields no record has.
 * Noted in each thread that sees records; a worker's new names go to the
 * main thread with each reply (`take`) and are merged there in task order,
 * which gives the order of one thread seeing every record (a worker gets its
 * tasks in order, so a name it already gave came with an earlier task).
 */
export class KeptNames {
  readonly names: string[] = [];
  private readonly seen = new Set<string>();
  private given = 0;
  /** `all`: every kept name (CSV columns); else only the asked-for kept fields are looked for */
  constructor(readonly keep: Keep, readonly all: boolean) {}

  note(data: Row): void {
    const keep = this.keep;
    if (keep === 'none') return;
    if (keep === 'all') {
      if (!this.all) return;
      for (const k of Object.keys(data)) this.add(k);
      return;
    }
    if (this.seen.size === keep.length) return;
    for (const k of keep) if (!this.seen.has(k) && getPath(data, k) !== undefined) this.add(k);
  }

  /** Names from another thread, in its order. */
  merge(names: readonly string[]): void {
    for (const k of names) this.add(k);
  }

  /** The names added since the last take. */
  take(): string[] {
    const out = this.names.slice(this.given);
    this.given = this.names.length;
    return out;
  }

  /** Asked-for kept fields that no record had. */
  missing(): string[] {
    return Array.isArray(this.keep) ? this.keep.filter((k) => !this.seen.has(k)) : [];
  }

  private add(k: string): void {
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.names.push(k);
  }
}

/** Records a range's reply parts hold: a worker sends them as it goes, so that neither thread holds a range's records at once. */
export const PART_SIZE = 256;

/**
 * Runs one task in a worker thread. A range is answered in parts of
 * PART_SIZE records (`part`), the last of which is returned with the tally;
 * each part's events are numbered from the part's first record.
 */
export async function runTask(scorer: JobScorer, task: WorkerTask, kept: KeptNames | undefined, part: (r: TaskReply) => void): Promise<TaskReply> {
  let results: Compact[] = [];
  if (task.kind === 'records') {
    for (const p of task.items) {
      kept?.note(p.rec.data);
      results.push(scorer.score(p));
    }
    return { results, ...(kept ? { kept: kept.take() } : {}) };
  }
  let events: ReadEvent[] = [];
  const tally = newTally();
  const handlers = {
    onReject: (reject: Reject) => { events.push({ at: results.length, reject }); },
    onWarning: (warning: Warning) => { events.push({ at: results.length, warning }); },
  };
  const reply = (): TaskReply => {
    const r = { results, events, ...(kept ? { kept: kept.take() } : {}) };
    results = [];
    events = [];
    return r;
  };
  let order = 0;
  for await (const rec of blockRecords(task.block, task.range, { ...task.read, ...handlers }, tally)) {
    // a record means the input has one, and the main thread planned its fields from the first
    if (task.plan === undefined) throw new Error(`${task.block.name}: a record in a block of an input without records`);
    kept?.note(rec.data);
    results.push(scorer.score({ rec, plan: task.plan, order: order++ }));
    if (results.length >= PART_SIZE) part(reply());
  }
  return { ...reply(), tally };
}
