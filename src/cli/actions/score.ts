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
import { scoreSummaryLine } from '../render/summary.js';

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
  const { io } = ctx;
  const inputs = inputSpecs(names, io.stdin);
  const format = outputFormatOf(flags.format, flags.output, io.stdoutIsTTY, ['table', 'jsonl', 'json', 'csv']);
  const { model, threshold } = await scoringOf(flags.model, flags.threshold);
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
  if (!flags.quiet) io.stderr.write(scoreSummaryLine(ctx.outputLeftAlone(flags.output) ? { ...summary, written: 0 } : summary, log.rejected, threshold, flags.output, Number(process.hrtime.bigint() - started) / 1e9));
  if (flags.failOn) {
    const min = LEVELS.indexOf(flags.failOn);
    if (LEVELS.slice(min).some((l) => summary.levels[l] > 0)) return 'findings';
  }
  return 'ok';
}
