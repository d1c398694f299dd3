/** `wildsift merge`: flags -> options -> app (mergeScored) -> summary on stderr. */
import { inputSpecs } from '../../app/inputs.js';
import { mergeScored } from '../../app/merge.js';
import type { CliContext, Outcome } from '../context.js';
import { outputFormatOf, type ErrorPolicyFlags } from '../options.js';
import { mergeSummaryLine } from '../render/summary.js';

export interface MergeFlags extends ErrorPolicyFlags {
  format?: 'jsonl' | 'json' | 'csv';
  output?: string;
  top?: number;
  quiet?: boolean;
}

export async function runMerge(files: string[], flags: MergeFlags, ctx: CliContext): Promise<Outcome> {
  const started = process.hrtime.bigint();
  const inputs = inputSpecs(files, ctx.io.stdin);
  const log = ctx.inputLog(flags);
  const format = outputFormatOf(flags.format, flags.output, false, ['jsonl', 'json', 'csv']);
  const m = await ctx.output(flags.output, files, (sink) =>
    mergeScored(inputs, { format, writer: {}, ...(flags.top !== undefined ? { top: flags.top } : {}) }, log, sink),
  );
  if (!flags.quiet) ctx.io.stderr.write(mergeSummaryLine(ctx.outputLeftAlone(flags.output) ? { ...m, written: 0 } : m, log.rejected, inputs.length, flags.output, Number(process.hrtime.bigint() - started) / 1e9));
  return 'ok';
}
