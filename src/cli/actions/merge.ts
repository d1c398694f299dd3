/** Wires `wildsift merge`. */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { RankStore } from '../../app/spill.js';
import { TopN } from '../../app/rank.js';
import { InputError, UsageError } from '../../errors.js';
import type { Compact } from '../../output/record.js';
import { csvWriter, jsonlWriter, jsonWriter, type RecordWriter } from '../../output/writers.js';
import type { MergeFlags } from '../commands/merge.js';
import { AtomicFile, PipeClosed, Sink, type CliIO } from '../io.js';

/** A score record line as a compact record; its rank is dropped (merge renumbers). */
function compactOfLine(line: string, order: number, where: string): { c: Compact; fields: string[] } {
  let rec: Record<string, unknown>;
  try {
    rec = JSON.parse(line) as Record<string, unknown>;
  } catch (err) {
    throw new InputError(`${where}: not JSON: ${(err as Error).message}`);
  }
  if (rec === null || typeof rec !== 'object' || typeof rec.score !== 'number' || typeof rec.level !== 'string' || typeof rec.flagged !== 'boolean') {
    throw new InputError(`${where}: not a wildsift score record (needs score, level and flagged)`);
  }
  // ranks are renumbered; near-duplicate groups are numbered per run, so shards' groups do not carry over
  const { rank: _rank, group: _group, ...rest } = rec;
  const fields = rest.fields && typeof rest.fields === 'object' ? Object.keys(rest.fields) : [];
  return { c: { order, score: rec.score, level: rec.level as Compact['level'], flagged: rec.flagged, json: JSON.stringify({ group: null, ...rest }) }, fields };
}

export async function runMerge(files: string[], flags: MergeFlags, io: CliIO): Promise<number> {
  if (files.filter((f) => f === '-').length > 1) throw new UsageError('stdin ("-") can be read only once');
  const started = process.hrtime.bigint();
  const store = flags.top === undefined ? new RankStore() : undefined;
  const top = flags.top === undefined ? undefined : new TopN(flags.top);
  const fieldNames: string[] = [];
  const seen = new Set<string>();
  let order = 0;
  const file = flags.output ? new AtomicFile(flags.output) : undefined;
  try {
    for (const f of files) {
      let stream;
      try {
        stream = f === '-' ? io.stdin : createReadStream(f);
      } catch (err) {
        throw new InputError(`${f}: cannot read: ${(err as Error).message}`);
      }
      const lines = createInterface({ input: stream, crlfDelay: Infinity });
      let n = 0;
      try {
        for await (const line of lines) {
          n++;
          if (line.trim() === '') continue;
          const { c, fields } = compactOfLine(line, order++, `${f}: line ${n}`);
          for (const k of fields) if (!seen.has(k)) { seen.add(k); fieldNames.push(k); }
          if (store) store.add(c);
          else top!.offer(c);
        }
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.code === 'ENOENT') throw new InputError(`${f}: no such file`);
        throw err;
      }
    }
    const writer: RecordWriter = flags.format === 'json' ? jsonWriter() : flags.format === 'csv' ? csvWriter(fieldNames) : jsonlWriter();
    const sink = new Sink(file ? file.stream : io.stdout);
    let rank = 0;
    await sink.write(writer.begin());
    for (const c of store ? store.ranked() : top!.sorted()) await sink.write(writer.write(c, ++rank));
    await sink.write(writer.end());
    await sink.flush();
    if (file) await file.commit();
    if (!flags.quiet) {
      const secs = Number(process.hrtime.bigint() - started) / 1e9;
      io.stderr.write(`wildsift: ${order} records from ${files.length} file${files.length === 1 ? '' : 's'} merged; ${rank} written${flags.output ? ` to ${flags.output}` : ''}; ${secs.toFixed(2)} s\n`);
    }
    return 0;
  } catch (err) {
    if (file) await file.abort();
    if (err instanceof PipeClosed) return 0;
    throw err;
  } finally {
    store?.close();
  }
}
