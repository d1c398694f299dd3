/** `wildsift eval`: precision, recall and ranking quality on labelled listings, with gates for CI. */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CliContext, Outcome } from '../context.js';
import type { EvalFlags } from '../actions/eval.js';
import { collect, commaList, inputOptions, jobsOption, lexiconOptions, nonNegativeInt, positiveInt, probability, quietColorOptions, thresholdOption, modelOption } from '../options.js';


function atLeastTwo(value: string): number {
  const n = positiveInt(value);
  if (n < 2) throw new InvalidArgumentError('expected a whole number of 2 or more');
  return n;
}

function sizes(value: string): number[] {
  return commaList(value).map(positiveInt);
}

export function evalCommand(ctx: CliContext, report: (o: Outcome) => void): Command {
  const cmd = new Command('eval')
    .summary('measure precision, recall and ranking quality on labelled listings')
    .description(
      'Score labelled listings and compare the scores with the labels: precision, recall, F1 and accuracy at the threshold, ' +
        'average precision, ROC AUC, precision@k, the confusion matrix, the same per product and language, a threshold sweep, ' +
        'and the worst false positives and negatives with their explanations. Gates turn a metric below a limit into exit 1.',
    )
    .argument('<inputs...>', 'labelled input files ("-" reads stdin)')
    .option('--label <field>', 'field holding the label')
    .option('--positive <values>', 'label values that mean positive, every other value a negative (comma list, case-insensitive; default: 1, true, yes, positive, with 0, false, no, negative the negatives and any other value refused)', commaList)
    .option('--skip-unlabelled', 'leave out rows whose label is empty or missing (default: refuse them, exit 2)')
    .option('--all-negative', 'every listing is a negative (a benign corpus without a label field)')
    .option('--product-field <field>', 'field naming the expected product of a positive (default: "product" when present)')
    .option('--lang-field <field>', 'field naming the language (default: "lang" or "language" when present, else the language of the strongest hit)')
    .option('--where <field=value>', 'evaluate only rows whose field has this value (repeatable), e.g. --where split=heldout', collect)
    .option('--show-errors <n>', 'how many of the worst false positives and false negatives to show', nonNegativeInt, 5)
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('--min-precision <x>', 'gate: exit 1 when precision is below x', probability)
    .option('--min-recall <x>', 'gate: exit 1 when recall is below x', probability)
    .option('--min-f1 <x>', 'gate: exit 1 when F1 is below x', probability)
    .option('--min-ap <x>', 'gate: exit 1 when average precision is below x', probability)
    .option('--max-fp <n>', 'gate: exit 1 when there are more than n false positives', nonNegativeInt)
    .option('--sarif <file>', 'also write the gate failures as a SARIF 2.1.0 log (for code-scanning annotations); an empty log when every gate passes')
    .option('--cv <k>', 'k-fold cross-validation of `wildsift train` on the labelled listings, next to the hand-weighted score on the same folds (gates then apply to the out-of-fold metrics of the model)', atLeastTwo)
    .option('--group-by <field>', 'with --cv: folds that keep rows with one value of this field together (a seller never in two folds)')
    .option('--learning-curve <sizes>', 'with --cv: the same metrics when each fold trains on only this many labelled listings (comma list, e.g. 100,250,500)', sizes)
    .option('--seed <n>', 'with --cv: seed of the fold assignment', positiveInt, 1);
  inputOptions(cmd);
  lexiconOptions(cmd, (m) => ctx.warn(m), ctx.io.env);
  modelOption(cmd);
  thresholdOption(cmd);
  jobsOption(cmd);
  quietColorOptions(cmd);
  return cmd
    .addHelpText(
      'after',
      `
Examples:
  $ wildsift eval fixtures/eval/labelled-*.csv --label label --min-precision 0.8 --min-recall 0.7
  $ wildsift eval fixtures/eval/labelled-*.csv --label label --where split=heldout --format json
  $ wildsift eval fixtures/eval/benign.csv --all-negative --max-fp 0
  $ wildsift eval fixtures/eval/labelled-*.csv --label label --cv 5 --group-by platform --learning-curve 100,200,400

Exit codes: 0 ok; 1 a gate failed (the message names the metric); 2 usage, lexicon or input error.`,
    )
    .action(async (inputs: string[], flags: EvalFlags) => {
      const { runEval } = await import('../actions/eval.js');
      report(await runEval(inputs, flags, ctx));
    });
}

