/** `wildsift sellers`: accounts ranked by the evidence across their posts. */
import { Command, Option } from 'commander';
import type { CliContext, Outcome } from '../context.js';
import { inputOptions, quietColorOptions, jobsOption, lexiconOptions, modelOption, positiveInt, thresholdOption } from '../options.js';
import type { SellersFlags } from '../actions/sellers.js';

export function sellersCommand(ctx: CliContext, report: (o: Outcome) => void): Command {
  const cmd = new Command('sellers')
    .summary('rank accounts by the evidence across their posts (reposts count once)')
    .description(
      'Score the listings (or read scored JSONL with --scored) and rank the accounts of --seller-field by their distinct ' +
        'flagged offers (near-duplicate groups among their flagged listings: a repost counts once), then by the sum of those ' +
        "offers' best scores; with each account's listings, flagged listings, products, strongest offers with the evidence " +
        'that scored them, and what its bio or shop fields say.',
    )
    .argument('[inputs...]', 'input files ("-" or none reads stdin)')
    .option('--seller-field <field>', 'field naming the account (default: "seller" when present)')
    .option('--scored', 'the inputs are JSONL outputs of `wildsift score` (no scoring again)')
    .option('--top <n>', 'how many accounts', positiveInt, 20)
    .option('--top-offers <n>', 'strongest offers shown per account', positiveInt, 3)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'jsonl', 'csv']).default('table'));
  quietColorOptions(cmd);
  inputOptions(cmd);
  lexiconOptions(cmd, (m) => ctx.warn(m), ctx.io.env);
  modelOption(cmd);
  thresholdOption(cmd);
  jobsOption(cmd);
  return cmd
    .addHelpText(
      'after',
      `
Examples:
  $ wildsift sellers fixtures/eval/labelled-dealers.csv --top 5
  $ wildsift score scrape.jsonl > scored.jsonl && wildsift sellers --scored scored.jsonl --seller-field user.name -f csv > accounts.csv

Exit codes: 0 ok; 2 usage, lexicon or input error (no seller field).`,
    )
    .action(async (inputs: string[], flags: SellersFlags) => {
      const { runSellers } = await import('../actions/sellers.js');
      report(await runSellers(inputs, flags, ctx));
    });
}
