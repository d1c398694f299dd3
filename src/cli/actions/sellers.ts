/** `wildsift sellers`: flags -> options -> app (rankSellers) -> the ranking on stdout. */
import { inputSpecs } from '../../app/inputs.js';
import { rankSellers } from '../../app/sellers.js';
import { UsageError } from '../../core/errors.js';
import { loadDisplayWidths } from '../../core/display.js';
import type { CliContext, Outcome } from '../context.js';
import { lexiconsOf, readSettingsOf, scoringOf, type InputFlags, type LexiconFlags, type ModelFlags } from '../options.js';
import { sellersCsv, sellersJsonl, sellersTable } from '../render/sellers.js';

export interface SellersFlags extends InputFlags, LexiconFlags, ModelFlags {
  sellerField?: string;
  scored?: boolean;
  top: number;
  topOffers: number;
  format: 'table' | 'jsonl' | 'csv';
  color: boolean;
  quiet?: boolean;
  jobs?: number;
}

export async function runSellers(names: string[], flags: SellersFlags, ctx: CliContext): Promise<Outcome> {
  if (flags.scored && flags.model !== undefined && flags.model !== 'none') throw new UsageError('a model scores listings, and scored input is not scored again', { option: 'model,scored' });
  const { model, threshold } = await scoringOf(flags.model, flags.threshold);
  const report = await rankSellers(
    inputSpecs(names, ctx.io.stdin),
    {
      read: readSettingsOf(flags),
      lexicons: lexiconsOf(flags),
      threshold,
      ...(model ? { model } : {}),
      scored: flags.scored === true,
      ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
      ...(flags.sellerField !== undefined ? { sellerField: flags.sellerField } : {}),
      top: flags.top,
      topOffers: flags.topOffers,
    },
    ctx.inputLog(flags),
  );
  if (flags.format === 'table') await loadDisplayWidths();
  ctx.io.stdout.write(flags.format === 'jsonl' ? sellersJsonl(report) : flags.format === 'csv' ? sellersCsv(report) : sellersTable(report, ctx.chalk('stdout', flags.color)));
  if (!flags.quiet) ctx.io.stderr.write(`wildsift: ${report.listings} listings of ${report.accounts} accounts ("${report.seller_field}"); ${report.rows.length} accounts with flagged listings shown\n`);
  return 'ok';
}
