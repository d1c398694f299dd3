/**
 * Wires `wildsift score`: inputs -> planned records -> scoring (in this
 * thread, or in --jobs worker threads) -> ranking (all, --top N in a bounded
 * heap, or none with --no-sort) -> writer -> stdout or file.
 */
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { LEVELS } from '../../core/types.js';
import type { ScoreJob } from '../../app/job.js';
import { compareCompact, TopN } from '../../app/rank.js';
import { RankStore } from '../../app/spill.js';
import type { Compact } from '../../output/record.js';
import { scorePipeline } from '../../app/pipeline.js';
import { HashSet64 } from '../../app/hashset.js';
import { csvWriter, jsonlWriter, jsonWriter, tableWriter, type OutputFormat, type RecordWriter } from '../../output/writers.js';
import { getPath, type Row } from '../../input/fields.js';
import type { ScoreFlags } from '../commands/score.js';
import { AtomicFile, PipeClosed, Sink, type CliIO } from '../io.js';
import { chalkFor, inputOptionsFrom, inputSpecs, reportersFor } from './shared.js';
import { Progress } from '../progress.js';

/** Inputs smaller than this are scored in the main thread unless --jobs says otherwise. */
const SMALL_INPUT = 2_000_000;


function formatFor(flags: ScoreFlags, io: CliIO): OutputFormat {
  if (flags.format) return flags.format;
  if (flags.output) {
    const m = /\.(csv|json|jsonl|ndjson)$/i.exec(flags.output);
    if (m) return m[1]!.toLowerCase() === 'ndjson' ? 'jsonl' : (m[1]!.toLowerCase() as OutputFormat);
    return 'jsonl';
  }
  return io.stdoutIsTTY ? 'table' : 'jsonl';
}

function keepOption(keep: string[] | undefined): 'all' | 'none' | string[] {
  if (!keep || keep.length === 0 || (keep.length === 1 && keep[0] === 'all')) return 'all';
  if (keep.length === 1 && keep[0] === 'none') return 'none';
  return keep;
}

/** Names of the kept fields of a record, as the output's `fields` will hold them. */
function keptNames(data: Row, keep: 'all' | 'none' | string[]): string[] {
  if (keep === 'all') return Object.keys(data);
  if (keep === 'none') return [];
  return keep.filter((k) => getPath(data, k) !== undefined);
}

export async function runScore(inputNames: string[], flags: ScoreFlags, io: CliIO): Promise<number> {
  const started = process.hrtime.bigint();
  const inputs = inputSpecs(inputNames, io);
  const format = formatFor(flags, io);
  const threshold = flags.threshold;
  const keep = keepOption(flags.keep);

  const job: ScoreJob = {
    lexiconPaths: flags.lexicon ?? [],
    defaultLexicons: flags.defaultLexicons,
    threshold,
    keep,
    withTexts: format === 'table',
    withSim: false,
  };
  const { rejects, broken, onReject, onWarning, onBroken, close } = reportersFor(io, flags, false);
  const totalBytes = inputNames.every((n) => n !== '-') && inputNames.length > 0
    ? inputNames.reduce((n, f) => { try { return n + statSync(f).size; } catch { return n; } }, 0)
    : undefined;
  const progress = new Progress(io, { enabled: flags.progress !== false && !flags.quiet, totalBytes });
  // worker threads pay off on large inputs only (each builds its own scorer); the output is the same either way
  const jobs = flags.jobs ?? (totalBytes !== undefined && totalBytes < SMALL_INPUT ? 1 : Math.max(1, availableParallelism()));

  // duplicate ids (when an id field is used): warn once, at the end
  const ids = new HashSet64();
  let duplicates = 0;
  let firstDuplicate = '';
  const checkId = (source: string, row: number, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    const id = String(value);
    if (!ids.add(id)) { if (duplicates++ === 0) firstDuplicate = `"${id}" again at ${source} row ${row}`; }
  };

  // the kept field names for CSV columns
  const fieldNames: string[] = [];
  const seenFields = new Set<string>();
  const pipeline = scorePipeline(inputs, {
    ...inputOptionsFrom(flags),
    onReject,
    onWarning,
    onBroken,
    onBytes: (n) => progress.bytes(n),
    onRecord: (rec, plan) => {
      if (plan.id !== undefined) checkId(rec.source, rec.row, getPath(rec.data, plan.id));
      if (format === 'csv') for (const k of keptNames(rec.data, keep)) if (!seenFields.has(k)) { seenFields.add(k); fieldNames.push(k); }
    },
    job,
    jobs,
    ...(flags.groups !== false ? { dupDistance: flags.dupDistance } : {}),
  });
  const scored = pipeline.records;

  const chalk = chalkFor(io, 'stdout', flags.color && !flags.output);
  const makeWriter = (): RecordWriter => {
    if (format === 'json') return jsonWriter();
    if (format === 'csv') return csvWriter(fieldNames, { formulas: flags.csvFormulas === true });
    if (format === 'table') return tableWriter({ chalk, width: io.columns ?? 120 });
    return jsonlWriter();
  };
  const wanted = (c: Compact) => (flags.minScore === undefined || c.score >= flags.minScore) && (!flags.flaggedOnly || c.flagged);

  const file = flags.output ? new AtomicFile(flags.output) : undefined;
  const sink = new Sink(file ? file.stream : io.stdout);
  const counts = { high: 0, medium: 0, low: 0, none: 0 };
  let scoredCount = 0;
  let flagged = 0;
  let written = 0;
  let store: RankStore | undefined;
  const count = (c: Compact) => {
    scoredCount++;
    counts[c.level]++;
    if (c.flagged) flagged++;
    progress.row(scoredCount, flagged);
  };
  try {
    if (flags.sort === false) {
      // input order, written as scored: memory does not grow with the input
      let writer: RecordWriter | undefined;
      for await (const c of scored) {
        count(c);
        if (!wanted(c) || (flags.top !== undefined && written >= flags.top)) continue;
        if (!writer) { writer = makeWriter(); await sink.write(writer.begin()); }
        await sink.write(writer.write(c, null));
        written++;
      }
      writer ??= makeWriter();
      if (written === 0) await sink.write(writer.begin());
      await sink.write(writer.end());
    } else {
      let kept: Iterable<Compact>;
      if (flags.top !== undefined) {
        const top = new TopN(flags.top);
        for await (const c of scored) { count(c); if (wanted(c)) top.offer(c); }
        kept = top.sorted();
      } else if (format === 'table') {
        // a table is for reading: its rows (with their texts, for excerpts) stay in memory
        const all: Compact[] = [];
        for await (const c of scored) { count(c); if (wanted(c)) all.push(c); }
        kept = all.sort(compareCompact);
      } else {
        // records wait in a temporary file; memory holds 24 bytes of index per listing
        store = new RankStore();
        for await (const c of scored) { count(c); if (wanted(c)) store.add(c); }
        kept = store.ranked();
      }
      progress.stop();
      const writer = makeWriter();
      await sink.write(writer.begin());
      // rank = position in the full ranking; the filters only ever cut its tail
      for (const c of kept) { written++; await sink.write(writer.write(c, written)); }
      await sink.write(writer.end());
    }
    await sink.flush();
    if (file) await file.commit();
  } catch (err) {
    progress.stop();
    if (file) await file.abort();
    if (err instanceof PipeClosed) return 0;
    throw err;
  } finally {
    store?.close();
    close();
  }
  progress.stop();
  if (duplicates > 0) io.stderr.write(`wildsift: warning: ${duplicates} duplicate id${duplicates === 1 ? '' : 's'} (first: ${firstDuplicate}); rows are still told apart by source and row\n`);

  if (!flags.quiet) {
    const secs = Number(process.hrtime.bigint() - started) / 1e9;
    const read = scoredCount + rejects.length;
    io.stderr.write(
      `wildsift: ${read} rows read, ${scoredCount} scored, ${rejects.length} rejected; ` +
        `${flagged} flagged at threshold ${threshold} (high ${counts.high}, medium ${counts.medium}, low ${counts.low}); ` +
        `${pipeline.groups() !== undefined ? `${pipeline.groups()} near-duplicate groups; ` : ''}${written} written${flags.output ? ` to ${flags.output}` : ''}; ${secs.toFixed(2)} s\n`,
    );
  }
  if (broken.length > 0) return 2;
  if (flags.failOn) {
    const min = LEVELS.indexOf(flags.failOn);
    if ((LEVELS.slice(min) as (keyof typeof counts)[]).some((l) => counts[l] > 0)) return 1;
  }
  return 0;
}
