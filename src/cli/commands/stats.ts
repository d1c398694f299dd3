/** `wildsift stats`: counts of flagged listings and groups per product, language, level and column. */
import { Command, Option } from 'commander';
import type { CliContext, Outcome } from '../context.js';
import { collect, inputOptions, jobsOption, lexiconOptions, positiveInt, thresholdOption, modelOption } from '../options.js';
import type { StatsFlags } from '../actions/stats.js';
import { DATE_FORMATS } from '../../output/formats.js';


/** Options shared by stats and report. */
export function aggregateOptions(cmd: Command, ctx: CliContext): Command {
  cmd
    .option('--scored', 'the inputs are JSONL outputs of `wildsift score` (no scoring again)')
    .option('--by <field>', 'also count per value of this field; field:month or field:year for dates (repeatable)', collect)
    .option('--seller-field <field>', 'field naming the seller, for the top sellers (default: "seller" when present)')
    .option('--top-sellers <n>', 'how many top sellers', positiveInt, 10)
    .addOption(new Option('--date-format <format>', 'how field:month and field:year read dates: iso (2026-03-01, 2026-03, 2026-03-01T10:00Z, 2026年3月1日), dmy (01/03/2026), mdy (03/01/2026), epoch, epoch-ms; other values count as "(no date)", with a warning').choices([...DATE_FORMATS]).default('iso'))
    .option('-q, --quiet', 'no summary line on stderr (rejected rows and warnings are still reported)');
  inputOptions(cmd);
  lexiconOptions(cmd, (m) => ctx.warn(m), ctx.io.env);
  modelOption(cmd);
  thresholdOption(cmd);
  jobsOption(cmd);
  return cmd;
}

export function statsCommand(ctx: CliContext, report: (o: Outcome) => void): Command {
  const cmd = new Command('stats')
    .summary('count flagged listings and near-duplicate groups per product, language, level and column')
    .description(
      'Score listings (or read scored JSONL with --scored) and count listings, flagged listings and near-duplicate groups ' +
        'of flagged listings per level, product, language and any --by column, with the top sellers and the score histogram.',
    )
    .argument('[inputs...]', 'input files ("-" or none reads stdin)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json', 'csv']).default('table'))
    .option('--no-color', 'no colour');
  aggregateOptions(cmd, ctx);
  return cmd
    .addHelpText(
      'after',
      `
Examples:
  $ wildsift stats fixtures/sample/listings.csv --by platform --by posted:month
  $ wildsift score dump.csv > scored.jsonl && wildsift stats --scored scored.jsonl --format json`,
    )
    .action(async (inputs: string[], flags: StatsFlags) => {
      const { runStats } = await import('../actions/stats.js');
      report(await runStats(inputs, flags, ctx));
    });
}
