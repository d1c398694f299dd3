/** `wildsift sellers`: flags -> options -> app (rankSellers) -> the ranking on stdout. */
import { inputSpecs } from '../../app/inputs.js';
import { rankSellers } from '../../app/sellers.js';
import { loadDisplayWidths } from '../../core/display.js';
import type { CliContext, Outcome } from '../context.js';
import { recordsRunOf, type RecordsFlags } from '../options.js';
import { sellersCsv, sellersJsonl, sellersTable } from '../render/sellers.js';

export interface SellersFlags extends RecordsFlags {
  sellerField?: string;
  top: number;
  topOffers: number;
  format: 'table' | 'jsonl' | 'csv';
  color: boolean;
  quiet?: boolean;
  jobs?: number;
}

export async function runSellers(names: string[], flags: SellersFlags, ctx: CliContext): Promise<Outcome> {
  const report = await rankSellers(
    inputSpecs(names, ctx.io.stdin),
    {
      ...(await recordsRunOf(flags)),
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
