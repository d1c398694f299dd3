/** `wildsift diff`: what a lexicon change does to the same listings. */
import { Command, Option } from 'commander';
import type { CliContext, Outcome } from '../context.js';
import type { DiffFlags } from '../actions/diff.js';
import { collect, inputOptions, jobsOption, positiveInt, quietColorOptions, thresholdOption, modelOption } from '../options.js';


export function diffCommand(ctx: CliContext, report: (o: Outcome) => void): Command {
  const cmd = new Command('diff')
    .summary('compare two lexicon sets on the same listings')
    .description(
      'Score the same listings with a base and a head lexicon set (each defaults to the built-in lexicons) and report ' +
        'listings newly flagged, no longer flagged and moved far in rank, each with the entries whose contributions changed. ' +
        'This is what a reviewer reads on a lexicon pull request.',
    )
    .argument('<inputs...>', 'input files ("-" reads stdin)')
    .option('--base <path>', 'lexicon file or folder of the base side (repeatable; default: the built-in lexicons)', collect)
    .option('--head <path>', 'lexicon file or folder of the head side (repeatable; default: the built-in lexicons)', collect)
    .option('--min-rank-change <n>', 'report a listing as moved when its rank changes by at least n', positiveInt, 10)
    .option('--fail-on-new-flags', 'exit 1 when the head flags a listing the base did not (use it on a benign corpus)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'));
  inputOptions(cmd);
  modelOption(cmd, '--model', 'score the head side');
  thresholdOption(cmd);
  jobsOption(cmd);
  quietColorOptions(cmd);
  return cmd
    .addHelpText(
      'after',
      `
Examples:
  $ wildsift diff fixtures/eval/labelled-*.csv --base /tmp/main/lexicons --head lexicons
  $ wildsift diff fixtures/eval/benign.csv --base /tmp/main/lexicons --fail-on-new-flags

Exit codes: 0 ok; 1 --fail-on-new-flags and a listing is newly flagged; 2 usage, lexicon or input error.`,
    )
    .action(async (inputs: string[], flags: DiffFlags) => {
      const { runDiff } = await import('../actions/diff.js');
      report(await runDiff(inputs, flags, ctx));
    });
}
