/** `wildsift report`: flags -> options -> app (collectReport) -> one HTML page. */
import { inputSpecs } from '../../app/inputs.js';
import { collectReport } from '../../app/stats.js';
import { renderReport } from '../../output/report.js';
import type { CliContext, Outcome } from '../context.js';
import { statsRunOf, warnStats, type AggregateFlags } from './stats.js';

export interface ReportFlags extends AggregateFlags {
  output?: string;
  top: number;
}

export async function runReport(names: string[], flags: ReportFlags, ctx: CliContext): Promise<Outcome> {
  const run = await statsRunOf(flags);
  const params: Record<string, string> = {
    inputs: names.length > 0 ? names.join(', ') : '-',
    threshold: String(run.threshold),
    ...(run.model ? { model: run.model.file } : {}),
    ...(flags.by && flags.by.length > 0 ? { by: flags.by.join(', ') } : {}),
    ...(flags.lexicon && flags.lexicon.length > 0 ? { 'extra lexicons': flags.lexicon.join(', ') } : {}),
    ...(flags.defaultLexicons === false ? { 'built-in lexicons': 'not loaded' } : {}),
  };
  const input = await ctx.output(flags.output, names, async (sink) => {
    const collected = await collectReport(
      inputSpecs(names, ctx.io.stdin),
      { ...run, top: flags.top, params, generated: new Date().toISOString() },
      ctx.inputLog(flags),
    );
    warnStats(ctx, collected.stats, flags);
    await sink.write(renderReport(collected));
    return collected;
  });
  const written = flags.output && !ctx.outputLeftAlone(flags.output) ? ` written to ${flags.output}` : '';
  if (!flags.quiet) ctx.io.stderr.write(`wildsift: report of ${input.stats.listings} listings (${input.stats.flagged} flagged, top ${input.top.length} shown)${written}\n`);
  return 'ok';
}
