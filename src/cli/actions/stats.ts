/** `wildsift stats`: flags -> options -> app (collectStats) -> counts on stdout. */
import { loadDisplayWidths } from '../../core/display.js';
import { inputSpecs } from '../../app/inputs.js';
import { collectStats, type StatsRun } from '../../app/stats.js';
import type { DateFormat, Stats } from '../../output/stats.js';
import type { CliContext, Outcome } from '../context.js';
import { recordsRunOf, type RecordsFlags } from '../options.js';
import { renderStats, statsCsv } from '../render/stats.js';

/** The flags of stats and report. */
export interface AggregateFlags extends RecordsFlags {
  quiet?: boolean;
  by?: string[];
  sellerField?: string;
  topSellers: number;
  dateFormat?: DateFormat;
}

export interface StatsFlags extends AggregateFlags {
  format: 'table' | 'json' | 'csv';
  color: boolean;
}

/** The options of stats and report, from their flags. */
export async function statsRunOf(flags: AggregateFlags): Promise<StatsRun> {
  return {
    ...(await recordsRunOf(flags)),
    by: flags.by ?? [],
    ...(flags.sellerField !== undefined ? { sellerField: flags.sellerField } : {}),
    topSellers: flags.topSellers,
    ...(flags.dateFormat ? { dateFormat: flags.dateFormat } : {}),
  };
}

/** Warnings about what the counts could not use: fields no record has, values that are not dates. */
export function warnStats(ctx: CliContext, s: Stats, flags: AggregateFlags): void {
  for (const f of s.missing_fields) ctx.warn(`no record has the field "${f}" (${f === flags.sellerField ? '--seller-field' : '--by'}); its counts are all "(none)"`);
  for (const u of s.unparsed_dates) ctx.warn(`--by ${u.by}: ${u.count} value${u.count === 1 ? ' is' : 's are'} not a date in the ${flags.dateFormat ?? 'iso'} format (first: "${u.first}"), counted as "(no date)"; see --date-format`);
}

export async function runStats(names: string[], flags: StatsFlags, ctx: CliContext): Promise<Outcome> {
  const stats = await collectStats(inputSpecs(names, ctx.io.stdin), await statsRunOf(flags), ctx.inputLog(flags));
  warnStats(ctx, stats, flags);
  if (flags.format !== 'json' && flags.format !== 'csv') await loadDisplayWidths();
  const out = flags.format === 'json' ? JSON.stringify(stats, null, 2) + '\n' : flags.format === 'csv' ? statsCsv(stats) : renderStats(stats, (x) => ctx.chalk('stdout', flags.color).bold(x));
  ctx.io.stdout.write(out);
  return 'ok';
}
