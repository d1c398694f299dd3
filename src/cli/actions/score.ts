/** Wires `wildsift score`: inputs -> scoring -> ranking -> writer -> stdout or file. */
import { Scorer } from '../../core/scorer.js';
import { LEVELS } from '../../core/types.js';
import { byRank, scoreInputs, type ScoredListing } from '../../app/score.js';
import { toOutputRecord } from '../../output/record.js';
import { csvWriter, jsonlWriter, jsonWriter, tableWriter, type OutputFormat, type RecordWriter } from '../../output/writers.js';
import type { ScoreFlags } from '../commands/score.js';
import { AtomicFile, PipeClosed, Sink, type CliIO } from '../io.js';
import { chalkFor, inputSpecs, lexiconsFor, reporters } from './shared.js';

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

export async function runScore(inputNames: string[], flags: ScoreFlags, io: CliIO): Promise<number> {
  const started = process.hrtime.bigint();
  const delimiter = flags.delimiter;
  const inputs = inputSpecs(inputNames, io);

  const scorer = new Scorer(lexiconsFor(flags));
  const format = formatFor(flags, io);
  const threshold = flags.threshold;

  const { rejects, onReject, onWarning } = reporters(io);

  const listings: ScoredListing[] = [];
  const fieldNames: string[] = [];
  const seenFields = new Set<string>();
  for await (const l of scoreInputs(inputs, {
    scorer,
    ...(flags.inputFormat ? { format: flags.inputFormat } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(flags.text ? { text: flags.text } : {}),
    ...(flags.id ? { id: flags.id } : {}),
    keep: keepOption(flags.keep),
    onReject,
    onWarning,
  })) {
    listings.push(l);
    for (const k of Object.keys(l.fields)) if (!seenFields.has(k)) { seenFields.add(k); fieldNames.push(k); }
  }
  listings.sort(byRank);

  let writer: RecordWriter;
  const chalk = chalkFor(io, 'stdout', flags.color && !flags.output);
  if (format === 'json') writer = jsonWriter();
  else if (format === 'csv') writer = csvWriter(fieldNames);
  else if (format === 'table') writer = tableWriter({ chalk, width: io.columns ?? 120 });
  else writer = jsonlWriter();

  const file = flags.output ? new AtomicFile(flags.output) : undefined;
  const sink = new Sink(file ? file.stream : io.stdout);
  let written = 0;
  const counts = { high: 0, medium: 0, low: 0, none: 0 };
  let flagged = 0;
  for (const l of listings) {
    counts[l.result.level]++;
    if (l.result.score >= threshold) flagged++;
  }
  try {
    await sink.write(writer.begin());
    for (let i = 0; i < listings.length; i++) {
      const l = listings[i]!;
      if (flags.top !== undefined && written >= flags.top) break;
      if (flags.minScore !== undefined && l.result.score < flags.minScore) break;
      if (flags.flaggedOnly && l.result.score < threshold) break;
      await sink.write(writer.write(toOutputRecord(l, i + 1, threshold), l.texts));
      written++;
    }
    await sink.write(writer.end());
    await sink.flush();
    if (file) await file.commit();
  } catch (err) {
    if (file) await file.abort();
    if (err instanceof PipeClosed) return 0;
    throw err;
  }

  if (!flags.quiet) {
    const secs = Number(process.hrtime.bigint() - started) / 1e9;
    const read = listings.length + rejects.length;
    io.stderr.write(
      `wildsift: ${read} rows read, ${listings.length} scored, ${rejects.length} rejected; ` +
        `${flagged} flagged at threshold ${threshold} (high ${counts.high}, medium ${counts.medium}, low ${counts.low}); ` +
        `${written} written${flags.output ? ` to ${flags.output}` : ''}; ${secs.toFixed(2)} s\n`,
    );
  }
  if (flags.failOn) {
    const min = LEVELS.indexOf(flags.failOn);
    if (listings.some((l) => LEVELS.indexOf(l.result.level) >= min)) return 1;
  }
  return 0;
}
