/** `wildsift stats`: flags -> options -> app (collectStats) -> counts on stdout. */
import { inputSpecs } from '../../app/inputs.js';
import { collectStats, type StatsRun } from '../../app/stats.js';
import type { CliContext, Outcome } from '../context.js';
import { lexiconsOf, readSettingsOf, type InputFlags, type LexiconFlags } from '../options.js';
import { renderStats, statsCsv } from '../render/stats.js';

/** The flags of stats and report. */
export interface AggregateFlags extends InputFlags, LexiconFlags {
  threshold: number;
  scored?: boolean;
  jobs?: number;
  quiet?: boolean;
  by?: string[];
  sellerField?: string;
  topSellers: number;
}

export interface StatsFlags extends AggregateFlags {
  format: 'table' | 'json' | 'csv';
  color: boolean;
}

/** The options of stats and report, from their flags. */
export function statsRunOf(flags: AggregateFlags): StatsRun {
  return {
    read: readSettingsOf(flags),
    lexicons: lexiconsOf(flags),
    threshold: flags.threshold,
    scored: flags.scored === true,
    ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
    by: flags.by ?? [],
    ...(flags.sellerField !== undefined ? { sellerField: flags.sellerField } : {}),
    topSellers: flags.topSellers,
  };
}

export async function runStats(names: string[], flags: StatsFlags, ctx: CliContext): Promise<Outcome> {
  const stats = await collectStats(inputSpecs(names, ctx.io.stdin), statsRunOf(flags), ctx.inputLog(flags, flags.quiet === true));
  const out = flags.format === 'json' ? JSON.stringify(stats, null, 2) + '\n' : flags.format === 'csv' ? statsCsv(stats) : renderStats(stats, (x) => ctx.chalk('stdout', flags.color).bold(x));
  ctx.io.stdout.write(out);
  return 'ok';
}
