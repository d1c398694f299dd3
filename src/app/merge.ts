/**
 * `merge`: one ranking from the score outputs of shards, given in shard
 * order. Ranks are renumbered with the ranking rule; near-duplicate groups
 * are numbered per run, so merged records have group null.
 */
import type { InputSpec } from '../input/read.js';
import type { Compact, OutputRecord } from '../output/record.js';
import { writerFor, type OutputFormat, type WriterOptions } from '../output/writers.js';
import type { InputLog } from './inputs.js';
import { TopN } from './rank.js';
import { readScored } from './scored.js';
import { writeAll, type TextSink } from './sink.js';
import { RankStore } from './spill.js';

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

export async function mergeScored(inputs: readonly InputSpec[], o: MergeRun, log: InputLog, sink: TextSink): Promise<{ records: number; written: number }> {
  const store = o.top === undefined ? new RankStore() : undefined;
  const top = o.top === undefined ? undefined : new TopN<Compact>(o.top);
  const fieldNames: string[] = [];
  const seen = new Set<string>();
  let records = 0;
  try {
    for await (const { record, order } of readScored(inputs, log)) {
      records++;
      for (const k of Object.keys(record.fields)) if (!seen.has(k)) { seen.add(k); fieldNames.push(k); }
      const c = compactOfRecord(record, order);
      if (store) store.add(c);
      else top!.offer(c);
    }
    const written = await writeAll(sink, writerFor(o.format, { ...o.writer, fieldNames }), store ? store.ranked() : top!.sorted());
    await sink.flush();
    return { records, written };
  } finally {
    store?.close();
  }
}
