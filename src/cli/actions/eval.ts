/** `wildsift eval`: flags -> options -> app (evaluate) -> report on stdout, gates to the outcome. */
import { checkGates, evaluate, type EvalOptions, type GateFailure } from '../../app/eval.js';
import { sarifLog } from '../../output/sarif.js';
import { withOutput } from '../io.js';
import { version } from '../version.js';
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
  sarif?: string;
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
  await writeSarif(flags.sarif, failures.map((f) => ({ ...f, message: `out-of-fold ${f.message}` })), names, ctx);
  return failures.length > 0 ? 'findings' : 'ok';
}

const GATE_OPTIONS = ['minPrecision', 'minRecall', 'minF1', 'minAp', 'maxFp'] as const;

/** --sarif: the gate failures as a SARIF log, each at the first input (a gate is about the corpus, not a line). */
async function writeSarif(file: string | undefined, failures: readonly GateFailure[], names: readonly string[], ctx: CliContext): Promise<void> {
  if (file === undefined) return;
  const rules = GATE_OPTIONS.map((o) => ({ id: `eval-gate/${flagName(o).slice(2)}`, description: `the eval gate ${flagName(o)}` }));
  const at = names.find((n) => n !== '-');
  const results = failures.map((f) => ({ ruleId: `eval-gate/${flagName(f.option).slice(2)}`, level: 'error' as const, message: `gate failed: ${f.message} (${flagName(f.option)})`, ...(at ? { file: at } : {}) }));
  const log = sarifLog({ name: 'wildsift eval', version, uri: 'https://www.npmjs.com/package/wildsift' }, rules, results);
  await withOutput(ctx.io, file, async (sink) => { await sink.write(JSON.stringify(log, null, 2) + '\n'); }, { inputs: names });
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
  await writeSarif(flags.sarif, failures, names, ctx);
  return failures.length > 0 ? 'findings' : 'ok';
}
