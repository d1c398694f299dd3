/**
 * `merge`: one ranking from the score outputs of shards, given in shard
 * order. Ranks are renumbered with the ranking rule; near-duplicate groups
 * are numbered per run, so merged records have group null.
 */
import { statSync } from 'node:fs';
import { InputError, UsageError } from '../core/errors.js';
import type { InputSpec } from '../input/read.js';
import type { Compact, OutputRecord } from '../output/record.js';
import { scorerOf } from '../output/record.js';
import { writerFor, type OutputFormat, type WriterOptions } from '../output/writers.js';
import { HashSet64 } from './hashset.js';
import type { InputLog } from './inputs.js';
import { TopN } from './rank.js';
import { readScored } from './scored.js';
import { writeAll, type TextSink } from './sink.js';
import { RankStore } from './spill.js';

export interface MergeSummary {
  records: number;
  written: number;
  /** records whose listing (source and row) was already merged */
  repeated: number;
}

export interface MergeRun {
  format: Exclude<OutputFormat, 'table'>;
  writer: Omit<WriterOptions, 'fieldNames' | 'table'>;
  top?: number;
}

/** A score record as a compact record; its rank and group are dropped. */
function compactOfRecord(r: OutputRecord, order: number): Compact {
  const { rank: _rank, group: _group, ...rest } = r;
  return { order, score: r.score, level: r.level, flagged: r.flagged, json: JSON.stringify({ group: null, ...rest }) };
}

/** The same shard file given twice (also under another name, or through a link) would double its records: refused. */
function refuseRepeatedShards(inputs: readonly InputSpec[]): void {
  const seen = new Map<string, string>();
  for (const i of inputs) {
    if (i.name === '-') continue;
    let key: string;
    try { const st = statSync(i.name); key = `${st.dev}:${st.ino}`; } catch { continue; /* reported when read */ }
    const first = seen.get(key);
    if (first !== undefined) throw new UsageError(`${i.name} is the same file as ${first}: each shard must be given once`);
    seen.set(key, i.name);
  }
}

export async function mergeScored(inputs: readonly InputSpec[], o: MergeRun, log: InputLog, sink: TextSink): Promise<MergeSummary> {
  refuseRepeatedShards(inputs);
  const store = o.top === undefined ? new RankStore() : undefined;
  const top = o.top === undefined ? undefined : new TopN<Compact>(o.top);
  const fieldNames: string[] = [];
  const seen = new Set<string>();
  // one scorer (lexicon set and model) for every record; a listing (source and row) only once
  let scorer: { id: string; where: string } | undefined;
  const listings = new HashSet64();
  let repeated = 0;
  let firstRepeated = '';
  let records = 0;
  try {
    for await (const { record, order, input, row } of readScored(inputs, log)) {
      const by = scorerOf(record);
      if (scorer === undefined) scorer = { id: by, where: `${input} row ${row}` };
      else if (by !== scorer.id) {
        throw new InputError(`${input} row ${row} was scored with ${by}, ${scorer.where} with ${scorer.id}: shards must be scored with the same lexicons and model to be merged`);
      }
      if (!listings.add(`${record.source}\u0000${record.row}`) && repeated++ === 0) firstRepeated = `${record.source} row ${record.row}, again in ${input} row ${row}`;
      records++;
      for (const k of Object.keys(record.fields)) if (!seen.has(k)) { seen.add(k); fieldNames.push(k); }
      const c = compactOfRecord(record, order);
      if (store) store.add(c);
      else top!.offer(c);
    }
    if (repeated > 0) log.onWarning({ source: inputs.map((i) => i.name).join(', '), message: `${repeated} listing${repeated === 1 ? '' : 's'} appear${repeated === 1 ? 's' : ''} more than once (same source and row; first: ${firstRepeated}): shards that overlap are counted twice` });
    const written = await writeAll(sink, writerFor(o.format, { ...o.writer, fieldNames }), store ? store.ranked() : top!.sorted());
    await sink.flush();
    return { records, written, repeated };
  } finally {
    store?.close();
  }
}
