/** Wires `wildsift diff`. */
import { Scorer } from '../../core/scorer.js';
import { diffLexicons, type Change, type DiffReport } from '../../app/diff.js';
import { loadLexicons } from '../../lexicon/load.js';
import type { DiffFlags } from '../commands/diff.js';
import type { CliIO } from '../io.js';
import { chalkFor, inputOptionsFrom, inputSpecs, reportersFor } from './shared.js';

function scorerFor(paths: string[] | undefined): Scorer {
  return new Scorer(paths && paths.length > 0 ? loadLexicons({ paths, defaults: false }) : loadLexicons());
}

function renderChange(c: Change): string[] {
  const arrow = `${c.base.score.toFixed(3)} (rank ${c.base.rank}) -> ${c.head.score.toFixed(3)} (rank ${c.head.rank})`;
  const entries = c.entries.map((e) => `${e.entry} ${e.base} -> ${e.head}`).join('; ') || '(no entry changed: ranks moved around it)';
  return [`  ${c.id} (${c.source} row ${c.row}) ${arrow} [${c.head.products.join(', ') || c.base.products.join(', ')}]`, `      ${c.text}`, `      ${entries}`];
}

export function renderDiff(r: DiffReport, bold: (s: string) => string): string {
  const s = r.summary;
  const lines = [
    bold(`${r.rows} listings at threshold ${r.threshold}: flagged ${s.base_flagged} (base) -> ${s.head_flagged} (head); ` +
      `${s.newly_flagged} newly flagged, ${s.no_longer_flagged} no longer flagged, ${s.moved} moved far in rank, ${s.score_changed} scores changed`),
  ];
  for (const [title, list] of [['newly flagged', r.newly_flagged], ['no longer flagged', r.no_longer_flagged], ['moved far in rank', r.moved]] as const) {
    lines.push('', bold(`${title} (${list.length}):`));
    if (list.length === 0) lines.push('  none');
    for (const c of list) lines.push(...renderChange(c));
  }
  return lines.join('\n') + '\n';
}

export async function runDiff(inputNames: string[], flags: DiffFlags, io: CliIO): Promise<number> {
  const { broken, onReject, onWarning, onBroken, close } = reportersFor(io, flags);
  const report = await diffLexicons(inputSpecs(inputNames, io), {
    base: scorerFor(flags.base),
    head: scorerFor(flags.head),
    ...inputOptionsFrom(flags),
    threshold: flags.threshold,
    minRankChange: flags.minRankChange,
    onReject,
    onWarning,
    onBroken,
  }).finally(close);
  if (flags.format === 'json') io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else io.stdout.write(renderDiff(report, (x) => chalkFor(io, 'stdout', flags.color).bold(x)));
  if (flags.failOnNewFlags && report.summary.newly_flagged > 0) {
    io.stderr.write(`wildsift: ${report.summary.newly_flagged} listing${report.summary.newly_flagged === 1 ? '' : 's'} newly flagged (--fail-on-new-flags)\n`);
    return 1;
  }
  return 0;
}
