/** `wildsift eval`: flags -> options -> app (evaluate) -> report on stdout, gates to the outcome. */
import { checkGates, evaluate, type EvalOptions } from '../../app/eval.js';
import { inputSpecs } from '../../app/inputs.js';
import type { CliContext, Outcome } from '../context.js';
import { flagName, labelledOf, scoringOf, type LabelledFlags, type ModelFlags } from '../options.js';
import { renderCv, renderTable } from '../render/eval.js';
import { crossValidate, type CvOptions } from '../../app/cv.js';
import { DEFAULT_HASHING, DEFAULT_TRAIN } from '../../app/train.js';
import { UsageError } from '../../core/errors.js';
import { loadDisplayWidths } from '../../core/display.js';

export interface EvalFlags extends LabelledFlags, ModelFlags {
  allNegative?: boolean;
  showErrors: number;
  format: 'table' | 'json';
  minPrecision?: number;
  minRecall?: number;
  minF1?: number;
  minAp?: number;
  maxFp?: number;
  cv?: number;
  groupBy?: string;
  learningCurve?: number[];
  seed: number;
  color: boolean;
  quiet?: boolean;
}

/** eval --cv: cross-validated metrics of train's model next to the hand-weighted score; gates apply to the model's out-of-fold metrics. */
async function runCv(names: string[], flags: EvalFlags, ctx: CliContext): Promise<Outcome> {
  if (!flags.label) throw new UsageError('cross-validation needs the field that holds the labels', { option: 'label' });
  if (flags.allNegative) throw new UsageError('cross-validation needs positive and negative labels, not every listing taken as a negative', { option: 'allNegative,cv' });
  if (flags.model !== undefined) throw new UsageError('cross-validation trains a model on each fold; it does not take a model', { option: 'model,cv' });
  const options: CvOptions = {
    ...labelledOf(flags),
    label: flags.label,
    ...(flags.groupBy ? { groupBy: flags.groupBy } : {}),
    hashing: DEFAULT_HASHING,
    folds: flags.cv!,
    settings: { ...DEFAULT_TRAIN, seed: flags.seed },
    ...(flags.learningCurve ? { learningCurve: flags.learningCurve } : {}),
  };
  const report = await crossValidate(inputSpecs(names, ctx.io.stdin), options, ctx.inputLog(flags));
  if (flags.format !== 'json') await loadDisplayWidths();
  ctx.io.stdout.write(flags.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderCv(report, (s) => ctx.chalk('stdout', flags.color).bold(s)));
  const m = report.model.out_of_fold;
  const failures = checkGates({ metrics: m }, flags);
  for (const f of failures) ctx.io.stderr.write(`wildsift: gate failed: out-of-fold ${f.message} (${flagName(f.option)})\n`);
  return failures.length > 0 ? 'findings' : 'ok';
}

export async function runEval(names: string[], flags: EvalFlags, ctx: CliContext): Promise<Outcome> {
  if (flags.cv !== undefined) return runCv(names, flags, ctx);
  if (flags.groupBy !== undefined || flags.learningCurve !== undefined) throw new UsageError('grouped folds and a learning curve are parts of cross-validation', { option: flags.groupBy !== undefined ? 'groupBy,cv' : 'learningCurve,cv' });
  const { model, threshold } = await scoringOf(flags.model, flags.threshold);
  const options: EvalOptions = {
    ...labelledOf(flags),
    ...(model ? { model } : {}),
    ...(flags.allNegative ? { allNegative: true } : {}),
    threshold,
    showErrors: flags.showErrors,
  };
  const report = await evaluate(inputSpecs(names, ctx.io.stdin), options, ctx.inputLog(flags));
  if (flags.format !== 'json') await loadDisplayWidths();
  ctx.io.stdout.write(flags.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderTable(report, (s) => ctx.chalk('stdout', flags.color).bold(s)));
  const failures = checkGates(report, flags);
  for (const f of failures) ctx.io.stderr.write(`wildsift: gate failed: ${f.message} (${flagName(f.option)})\n`);
  return failures.length > 0 ? 'findings' : 'ok';
}
