/** `wildsift train`: a calibrated model from labelled listings. */
import { Command, InvalidArgumentError } from 'commander';
import type { CliContext, Outcome } from '../context.js';
import type { TrainFlags } from '../actions/train.js';
import { collect, commaList, inputOptions, jobsOption, lexiconOptions, positiveInt, positiveNumber, probability } from '../options.js';

function bits(value: string): number {
  const n = positiveInt(value);
  if (n < 8 || n > 24) throw new InvalidArgumentError('expected a whole number from 8 to 24');
  return n;
}

function folds(value: string): number {
  const n = positiveInt(value);
  if (n < 2) throw new InvalidArgumentError('expected a whole number of 2 or more');
  return n;
}

export function trainCommand(ctx: CliContext, report: (o: Outcome) => void): Command {
  const cmd = new Command('train')
    .summary('fit a calibrated model on labelled listings (use it with --model)')
    .description(
      'Fit a class-balanced, L2-regularized logistic regression on labelled listings over the lexicon hits (one feature per entry, ' +
        'per kind and field, ...), hashed word and character n-grams of the text, and the hand-weighted score as a prior. ' +
        'Inner cross-validation calibrates it (Platt) and chooses the flag threshold. The model (JSON, schema wildsift.model/1) ' +
        'is deterministic: the same listings, lexicons and options give the same bytes. See docs/training.md.',
    )
    .argument('<inputs...>', 'labelled input files ("-" reads stdin)')
    .requiredOption('--label <field>', 'field holding the label')
    .option('--positive <values>', 'label values that mean positive, every other value a negative (comma list, case-insensitive; default: 1, true, yes, positive, with 0, false, no, negative the negatives and any other value refused)', commaList)
    .option('--skip-unlabelled', 'leave out rows whose label is empty or missing (default: refuse them, exit 2)')
    .option('--where <field=value>', 'train only on rows whose field has this value (repeatable), e.g. --where split=dev', collect)
    .option('-o, --output <file>', 'write the model to this file (written whole or not at all) instead of stdout')
    .option('--target-precision <p>', 'flag threshold: the lowest whose out-of-fold precision reaches p (default: the best out-of-fold F1)', probability)
    .option('--folds <k>', 'inner cross-validation folds for calibration and the threshold (2 or more)', folds, 5)
    .option('--seed <n>', 'seed of the fold assignment', positiveInt, 1)
    .option('--l2 <x>', 'L2 penalty (larger: smaller weights, smoother model)', positiveNumber, 1e-3)
    .option('--bits <n>', 'text features are hashed into 2^n buckets (8 to 24)', bits, 18)
    .option('--min-df <n>', 'use a text feature only when it occurs in at least n training listings', positiveInt, 2)
    .option('--max-df <x>', 'and in at most this share of them (0..1)', probability, 0.9)
    .option('-q, --quiet', 'no summary line on stderr');
  inputOptions(cmd);
  lexiconOptions(cmd, (m) => ctx.warn(m), ctx.io.env);
  jobsOption(cmd);
  return cmd
    .addHelpText(
      'after',
      `
Examples:
  $ wildsift train fixtures/eval/labelled-*.csv --label label --where split=dev -o model.json
  $ wildsift score listings.csv --model model.json
  $ wildsift explain --model model.json "Victorian ivory cane handle, c.1880"

Exit codes: 0 ok; 2 usage, lexicon or input error (a missing label field, label values that are not two classes, one class only, too few positives for the folds).`,
    )
    .action(async (inputs: string[], flags: TrainFlags) => {
      const { runTrain } = await import('../actions/train.js');
      report(await runTrain(inputs, flags, ctx));
    });
}
