/** `wildsift diff`: flags -> options -> app (diffLexicons) -> report on stdout. */
import { diffLexicons } from '../../app/diff.js';
import { inputSpecs } from '../../app/inputs.js';
import { DEFAULT_THRESHOLD } from '../../core/score.js';
import type { CliContext, Outcome } from '../context.js';
import { lexiconSideOf, readSettingsOf, scoringOf, type InputFlags, type ModelFlags } from '../options.js';
import { renderDiff } from '../render/diff.js';

export interface DiffFlags extends InputFlags, ModelFlags {
  base?: string[];
  head?: string[];
  minRankChange: number;
  failOnNewFlags?: boolean;
  format: 'table' | 'json';
  jobs?: number;
  color: boolean;
  quiet?: boolean;
}

export async function runDiff(names: string[], flags: DiffFlags, ctx: CliContext): Promise<Outcome> {
  const { model, threshold } = await scoringOf(flags.model, flags.threshold);
  const report = await diffLexicons(
    inputSpecs(names, ctx.io.stdin),
    {
      read: readSettingsOf(flags),
      base: lexiconSideOf(flags.base),
      head: lexiconSideOf(flags.head),
      ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
      threshold,
      ...(model ? { model, baseThreshold: flags.threshold ?? DEFAULT_THRESHOLD } : {}),
      minRankChange: flags.minRankChange,
    },
    ctx.inputLog(flags),
  );
  ctx.io.stdout.write(flags.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : renderDiff(report, (x) => ctx.chalk('stdout', flags.color).bold(x)));
  const n = report.summary.newly_flagged;
  if (flags.failOnNewFlags && n > 0) {
    ctx.io.stderr.write(`wildsift: ${n} listing${n === 1 ? '' : 's'} newly flagged (--fail-on-new-flags)\n`);
    return 'findings';
  }
  return 'ok';
}
