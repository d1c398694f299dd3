/** `diff` as text for reading. */
import type { Change, DiffReport } from '../../app/diff.js';
import { printable } from '../../core/printable.js';

const p = printable;

/** One changed listing; its id, source, text and entry names shown printable. */
function renderChange(c: Change): string[] {
  const arrow = `${c.base.score.toFixed(3)} (rank ${c.base.rank}) -> ${c.head.score.toFixed(3)} (rank ${c.head.rank})`;
  const entries = c.entries.map((e) => `${p(e.entry)} ${e.base} -> ${e.head}`).join('; ') || '(no entry changed: ranks moved around it)';
  return [`  ${p(c.id)} (${p(c.source)} row ${c.row}) ${arrow} [${p(c.head.products.join(', ') || c.base.products.join(', '))}]`, `      ${p(c.text)}`, `      ${entries}`];
}

export function renderDiff(r: DiffReport, bold: (s: string) => string): string {
  const s = r.summary;
  const lines = [
    bold(`${r.rows} listings at threshold ${r.base_threshold === r.threshold ? r.threshold : `${r.base_threshold} (base), ${r.threshold} (head)`}: flagged ${s.base_flagged} (base) -> ${s.head_flagged} (head); ` +
      `${s.newly_flagged} newly flagged, ${s.no_longer_flagged} no longer flagged, ${s.moved} moved far in rank, ${s.score_changed} scores changed`),
  ];
  for (const [title, list] of [['newly flagged', r.newly_flagged], ['no longer flagged', r.no_longer_flagged], ['moved far in rank', r.moved]] as const) {
    lines.push('', bold(`${title} (${list.length}):`));
    if (list.length === 0) lines.push('  none');
    for (const c of list) lines.push(...renderChange(c));
  }
  return lines.join('\n') + '\n';
}
