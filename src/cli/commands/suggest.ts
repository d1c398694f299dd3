/** `wildsift suggest`: candidate new lexicon terms from a scored dataset. */
import { Command, Option } from 'commander';
import type { CliContext, Outcome } from '../context.js';
import { collect, inputOptions, quietColorOptions, jobsOption, lexiconOptions, positiveInt, thresholdOption } from '../options.js';
import type { SuggestFlags } from '../actions/suggest.js';

export function suggestCommand(ctx: CliContext, report: (o: Outcome) => void): Command {
  const cmd = new Command('suggest')
    .summary('suggest new lexicon terms: words over-represented near the evidence of flagged listings')
    .description(
      'Score the inputs (or read them with --scored), then rank the words and two-word phrases that flagged listings use ' +
        'within --window tokens of their product evidence far more often than the background does (the listings that are ' +
        'not flagged, and any --background files): the log-odds ratio with an informative Dirichlet prior, as a z-score, ' +
        'each word counted once per listing. Terms a lexicon already matches are left out. Prints counts and examples, ' +
        'or (-f yaml) a lexicon file to edit: a suggestion is a lead for a person to check, not an entry.',
    )
    .argument('[inputs...]', 'input files ("-" or none reads stdin)')
    .option('--background <file>', 'listings that are not offers, counted as background (repeatable)', collect)
    .option('--scored', 'the inputs are JSONL outputs of `wildsift score` (not scored again; --background files are)')
    .option('--window <n>', 'tokens either side of an evidence hit that count as near it', positiveInt, 5)
    .option('--min-count <n>', 'leave out candidates near evidence in fewer flagged listings', positiveInt, 3)
    .option('--top <n>', 'how many candidates', positiveInt, 20)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'jsonl', 'yaml']).default('table'));
  quietColorOptions(cmd);
  inputOptions(cmd);
  lexiconOptions(cmd, (m) => ctx.warn(m), ctx.io.env);
  thresholdOption(cmd);
  jobsOption(cmd);
  return cmd
    .addHelpText(
      'after',
      `
Examples:
  $ wildsift suggest scraped.csv --background fixtures/eval/benign.csv
  $ wildsift suggest scraped.csv --background benign.csv -f yaml > lexicons/suggested.yaml   # then edit, lint and test it

Exit codes: 0 ok; 2 usage, lexicon or input error (no flagged listing, no background).`,
    )
    .action(async (inputs: string[], flags: SuggestFlags) => {
      const { runSuggest } = await import('../actions/suggest.js');
      report(await runSuggest(inputs, flags, ctx));
    });
}
