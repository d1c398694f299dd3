/** `wildsift suggest`: flags -> options -> app (suggestFrom) -> candidates on stdout. */
import { inputSpecs } from '../../app/inputs.js';
import { suggestFrom } from '../../app/suggest.js';
import { DEFAULT_SUGGEST } from '../../core/suggest.js';
import type { CliContext, Outcome } from '../context.js';
import { lexiconsOf, readSettingsOf, scoringOf, type InputFlags, type LexiconFlags } from '../options.js';
import { renderSuggestions, suggestionsJsonl, suggestionsYaml } from '../render/suggest.js';

export interface SuggestFlags extends InputFlags, LexiconFlags {
  background?: string[];
  scored?: boolean;
  window: number;
  minCount: number;
  top: number;
  format: 'table' | 'jsonl' | 'yaml';
  color: boolean;
  quiet?: boolean;
  jobs?: number;
  threshold?: number;
}

export async function runSuggest(names: string[], flags: SuggestFlags, ctx: CliContext): Promise<Outcome> {
  const { threshold } = await scoringOf(undefined, flags.threshold);
  const report = await suggestFrom(
    inputSpecs(names, ctx.io.stdin),
    (flags.background ?? []).map((f) => inputSpecs([f], ctx.io.stdin)[0]!),
    {
      read: readSettingsOf(flags),
      lexicons: lexiconsOf(flags),
      threshold,
      scored: flags.scored === true,
      ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
      options: { ...DEFAULT_SUGGEST, window: flags.window, minCount: flags.minCount, top: flags.top },
    },
    ctx.inputLog(flags),
  );
  const out =
    flags.format === 'jsonl' ? suggestionsJsonl(report) : flags.format === 'yaml' ? suggestionsYaml(report, [...names, ...(flags.background ?? [])]) : renderSuggestions(report, ctx.chalk('stdout', flags.color));
  ctx.io.stdout.write(out);
  if (!flags.quiet) ctx.io.stderr.write(`wildsift: ${report.foreground} flagged listings against ${report.background} in the background; ${report.suggestions.length} candidates\n`);
  return 'ok';
}
