/** The one-line summaries that commands write on stderr. */
import type { ScoreSummary } from '../../app/score.js';
import { printable } from '../../core/printable.js';

export function scoreSummaryLine(s: ScoreSummary, rejected: number, threshold: number, output: string | undefined, seconds: number): string {
  return (
    `wildsift: ${s.scored + rejected} rows read, ${s.scored} scored, ${rejected} rejected; ` +
    `${s.flagged} flagged at threshold ${threshold} (high ${s.levels.high}, medium ${s.levels.medium}, low ${s.levels.low}); ` +
    `${s.groups !== undefined ? `${s.groups} near-duplicate groups; ` : ''}${s.written} written${output ? ` to ${printable(output)}` : ''}; ${seconds.toFixed(2)} s\n`
  );
}

export function mergeSummaryLine(m: { records: number; written: number }, rejected: number, files: number, output: string | undefined, seconds: number): string {
  return `wildsift: ${m.records} record${m.records === 1 ? '' : 's'} from ${files} file${files === 1 ? '' : 's'} merged${rejected > 0 ? ` (${rejected} lines rejected)` : ''}; ${m.written} written${output ? ` to ${printable(output)}` : ''}; ${seconds.toFixed(2)} s\n`;
}
