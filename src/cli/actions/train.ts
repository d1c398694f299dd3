/** `wildsift train`: flags -> options -> app (trainOnListings) -> the model on stdout or in a file, a summary on stderr. */
import { inputSpecs } from '../../app/inputs.js';
import { DEFAULT_HASHING, DEFAULT_TRAIN, trainOnListings, type TrainOptions } from '../../app/train.js';
import type { CliContext, Outcome } from '../context.js';
import { labelledOf, type LabelledFlags } from '../options.js';
import { trainSummaryLine } from '../render/train.js';
import { version } from '../version.js';

export interface TrainFlags extends LabelledFlags {
  label: string;
  output?: string;
  targetPrecision?: number;
  folds: number;
  seed: number;
  l2: number;
  bits: number;
  minDf: number;
  maxDf: number;
  quiet?: boolean;
}

export async function runTrain(names: string[], flags: TrainFlags, ctx: CliContext): Promise<Outcome> {
  const started = process.hrtime.bigint();
  const options: TrainOptions = {
    ...labelledOf(flags),
    label: flags.label,
    hashing: { ...DEFAULT_HASHING, bits: flags.bits },
    settings: {
      ...DEFAULT_TRAIN,
      l2: flags.l2,
      minDf: flags.minDf,
      maxDf: flags.maxDf,
      folds: flags.folds,
      seed: flags.seed,
      ...(flags.targetPrecision !== undefined ? { targetPrecision: flags.targetPrecision } : {}),
    },
    createdBy: `wildsift ${version}`,
    inputNames: names.length > 0 ? names : ['-'],
  };
  const model = await ctx.output(flags.output, names, async (sink) => {
    const m = await trainOnListings(inputSpecs(names, ctx.io.stdin), options, ctx.inputLog(flags));
    await sink.write(JSON.stringify(m, null, 1) + '\n');
    return m;
  });
  if (!flags.quiet) ctx.io.stderr.write(trainSummaryLine(model, ctx.outputLeftAlone(flags.output) ? undefined : flags.output, Number(process.hrtime.bigint() - started) / 1e9));
  return 'ok';
}
