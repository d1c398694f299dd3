/** `wildsift score`: flags -> options -> app (scoreListings) -> summary on stderr. */
import type { Level } from '../../core/types.js';
import { LEVELS } from '../../core/types.js';
import { inputSpecs } from '../../app/inputs.js';
import { totalBytes } from '../../app/pipeline.js';
import { scoreListings, type ScoreRun } from '../../app/score.js';
import type { OutputFormat } from '../../output/writers.js';
import type { CliContext, Outcome } from '../context.js';
import { lexiconsOf, outputFormatOf, readSettingsOf, scoringOf, type InputFlags, type LexiconFlags, type ModelFlags } from '../options.js';
import { Progress } from '../progress.js';
import { scoreSummaryJson, scoreSummaryLine } from '../render/summary.js';
import { OutputError, UsageError } from '../../core/errors.js';
import { modelId } from '../../core/model.js';
import { version } from '../version.js';
import { withOutput } from '../io.js';
import { readBaseline } from '../../app/baseline.js';
import { appendSeen, readSeen } from '../../app/seen.js';
import path from 'node:path';

export interface ScoreFlags extends InputFlags, LexiconFlags, ModelFlags {
  format?: OutputFormat;
  output?: string;
  top?: number;
  minScore?: number;
  flaggedOnly?: boolean;
  allHits?: boolean;
  failOn?: Exclude<Level, 'none'>;
  keep?: string[];
  color: boolean;
  quiet?: boolean;
  jobs?: number;
  sort: boolean;
  progress: boolean;
  csvFormulas?: boolean;
  groups: boolean;
  dupDistance: number;
  summaryJson?: string;
  baseline?: string[];
  baselineMark?: boolean;
  seen?: string;
}

function keepOf(keep: string[] | undefined): ScoreRun['keep'] {
  if (!keep || keep.length === 0 || (keep.length === 1 && keep[0] === 'all')) return 'all';
  if (keep.length === 1 && keep[0] === 'none') return 'none';
  return keep;
}

/** The table's width: the terminal's, else COLUMNS (as `COLUMNS=80 wildsift ... | less` sets it), else 120. */
function tableWidth(io: CliContext['io']): number {
  const env = Number.parseInt(io.env.COLUMNS ?? '', 10);
  return io.columns ?? (Number.isInteger(env) && env > 0 ? env : 120);
}

export async function runScore(names: string[], flags: ScoreFlags, ctx: CliContext): Promise<Outcome> {
  const started = process.hrtime.bigint();
  const startedAt = new Date();
  if (flags.summaryJson === '-') throw new UsageError('stdout carries the listings: name a file for the summary', { option: 'summaryJson' });
  if (flags.summaryJson !== undefined && flags.output !== undefined && path.resolve(flags.summaryJson) === path.resolve(flags.output)) throw new UsageError('the summary and the results cannot go to the same file', { option: 'summaryJson,output' });
  if (flags.seen !== undefined && (flags.seen === '-' || names.some((n) => n !== '-' && path.resolve(n) === path.resolve(flags.seen!)) || (flags.output !== undefined && path.resolve(flags.output) === path.resolve(flags.seen)))) throw new UsageError('the seen file is a file of its own: not stdin, an input or the --output file', { option: 'seen' });
  if (flags.summaryJson !== undefined && names.some((n) => n !== '-' && path.resolve(n) === path.resolve(flags.summaryJson!))) throw new UsageError(`${flags.summaryJson} is an input of this run: name another file for the summary`, { option: 'summaryJson' });
  const { io } = ctx;
  const inputs = inputSpecs(names, io.stdin);
  const format = outputFormatOf(flags.format, flags.output, io.stdoutIsTTY, ['table', 'jsonl', 'json', 'csv']);
  const { model, threshold } = await scoringOf(flags.model, flags.threshold);
  if (flags.baselineMark && !flags.baseline) throw new UsageError('marks the findings a baseline covers: name the baseline', { option: 'baselineMark,baseline' });
  const decisions = flags.baseline ? await readBaseline(flags.baseline) : undefined;
  const run: ScoreRun = {
    read: readSettingsOf(flags),
    lexicons: lexiconsOf(flags),
    threshold,
    ...(model ? { model } : {}),
    keep: keepOf(flags.keep),
    ...(flags.allHits ? { allHits: true } : {}),
    format,
    writer: { formulas: flags.csvFormulas === true, table: { chalk: ctx.chalk('stdout', flags.color && !flags.output), width: tableWidth(io) } },
    sort: flags.sort !== false,
    flaggedOnly: flags.flaggedOnly === true,
    ...(flags.top !== undefined ? { top: flags.top } : {}),
    ...(flags.minScore !== undefined ? { minScore: flags.minScore } : {}),
    ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
    ...(flags.groups !== false ? { dupDistance: flags.dupDistance } : {}),
    ...(decisions ? { baseline: { decisions, mark: flags.baselineMark === true } } : {}),
    ...(flags.seen !== undefined ? { seen: { keys: readSeen(flags.seen), file: flags.seen } } : {}),
  };
  const log = ctx.inputLog(flags);
  const progress = new Progress(io, { enabled: flags.progress !== false && !flags.quiet, totalBytes: totalBytes(inputs) });
  let summary;
  try {
    summary = await ctx.output(flags.output, names, (sink) =>
      scoreListings(inputs, run, log, sink, {
        onBytes: (n) => progress.bytes(n),
        onScored: (rows, flagged) => progress.row(rows, flagged),
        onScoringDone: () => progress.stop(),
      }),
    );
  } finally {
    progress.stop();
  }
  if (summary.notShown > 0) ctx.warn(`the table shows the top ${summary.written} rows; ${summary.notShown} more were left out (--top n shows n; -f jsonl or csv writes all)`);
  if (summary.missingKept.length > 0) ctx.warn(`no record has the field${summary.missingKept.length === 1 ? '' : 's'} ${summary.missingKept.map((k) => `"${k}"`).join(', ')} (--keep)`);
  if (summary.duplicateIds > 0) ctx.warn(`${summary.duplicateIds} duplicate id${summary.duplicateIds === 1 ? '' : 's'} (first: ${summary.firstDuplicate}); rows are still told apart by source and row`);
  // the keys of this run's listings, once their output is written (not when an input broke off: the run is redone)
  if (flags.seen !== undefined && !ctx.inputBroken) appendSeen(flags.seen, summary.newSeen);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const written = ctx.outputLeftAlone(flags.output) ? { ...summary, written: 0 } : summary;
  if (!flags.quiet) io.stderr.write(scoreSummaryLine(written, log.rejected, threshold, flags.output, seconds, flags.baselineMark === true));
  // reviewed findings (--baseline) do not fail a run: only new ones do
  const findings = flags.failOn !== undefined && LEVELS.slice(LEVELS.indexOf(flags.failOn)).some((l) => summary.openLevels[l] > 0);
  if (flags.summaryJson !== undefined) {
    const json = scoreSummaryJson(written, {
      inputs: names.length > 0 ? names : ['-'], output: flags.output, format, rejected: log.rejected, broken: ctx.inputBroken, threshold,
      failOn: flags.failOn, findings, model: model ? { id: modelId(model.data), file: model.file } : undefined, startedAt, seconds, version,
    });
    // written also when an input broke off (inputs_broken says so): it is the account of the run
    try {
      await withOutput(io, flags.summaryJson, async (sink) => { await sink.write(json); }, { inputs: names });
    } catch (err) {
      // the writer names --output; here it is the summary file
      if (err instanceof OutputError && err.option === 'output') throw new OutputError(err.message, { option: 'summaryJson' });
      throw err;
    }
  }
  return findings ? 'findings' : 'ok';
}
