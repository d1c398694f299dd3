/** `wildsift eval`: flags -> options -> app (evaluate) -> report on stdout, gates to the outcome. */
import { checkGates, evaluate, type EvalOptions } from '../../app/eval.js';
import { inputSpecs } from '../../app/inputs.js';
import { UsageError } from '../../core/errors.js';
import type { CliContext, Outcome } from '../context.js';
import { flagName, lexiconsOf, readSettingsOf, type InputFlags, type LexiconFlags } from '../options.js';
import { renderTable } from '../render/eval.js';

export interface EvalFlags extends InputFlags, LexiconFlags {
  label?: string;
  allNegative?: boolean;
  positive?: string[];
  skipUnlabelled?: boolean;
  productField?: string;
  langField?: string;
  where?: string[];
  threshold: number;
  showErrors: number;
  format: 'table' | 'json';
  minPrecision?: number;
  minRecall?: number;
  minF1?: number;
  minAp?: number;
  maxFp?: number;
  jobs?: number;
  color: boolean;
  quiet?: boolean;
}

function whereOf(specs: string[] | undefined): EvalOptions['where'] {
  return (specs ?? []).map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0) throw new UsageError(`--where takes field=value, got "${w}"`);
    return { field: w.slice(0, eq), value: w.slice(eq + 1) };
  });
}

export async function runEval(names: string[], flags: EvalFlags, ctx: CliContext): Promise<Outcome> {
  const options: EvalOptions = {
    read: readSettingsOf(flags),
    lexicons: lexiconsOf(flags),
    ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
    ...(flags.label ? { label: flags.label } : {}),
    ...(flags.allNegative ? { allNegative: true } : {}),
    ...(flags.positive ? { positive: flags.positive } : {}),
    ...(flags.skipUnlabelled ? { skipUnlabelled: true } : {}),
    ...(flags.productField ? { productField: flags.productField } : {}),
    ...(flags.langField ? { langField: flags.langField } : {}),
    where: whereOf(flags.where),
    threshold: flags.threshold,
    showErrors: flags.showErrors,
  };
  const report = await evaluate(inputSpecs(names, ctx.io.stdin), options, ctx.inputLog(flags));
  ctx.io.stdout.write(flags.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderTable(report, (s) => ctx.chalk('stdout', flags.color).bold(s)));
  const failures = checkGates(report, flags);
  for (const f of failures) ctx.io.stderr.write(`wildsift: gate failed: ${f.message} (${flagName(f.option)})\n`);
  return failures.length > 0 ? 'findings' : 'ok';
}
