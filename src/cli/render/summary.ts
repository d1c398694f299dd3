/** The one-line summaries that commands write on stderr. */
import type { ScoreSummary } from '../../app/score.js';
import { printable } from '../../core/printable.js';

export function scoreSummaryLine(s: ScoreSummary, rejected: number, threshold: number, output: string | undefined, seconds: number, marked = false): string {
  return (
    `wildsift: ${s.scored + rejected + s.seenBefore} rows read, ${s.scored} scored, ${rejected} rejected${s.seenBefore > 0 ? `, ${s.seenBefore} seen before (--seen)` : ''}; ` +
    `${s.flagged} flagged at threshold ${threshold} (high ${s.levels.high}, medium ${s.levels.medium}, low ${s.levels.low}); ` +
    `${s.groups !== undefined ? `${s.groups} near-duplicate groups; ` : ''}${s.reviewed > 0 ? `${s.reviewed} reviewed finding${s.reviewed === 1 ? '' : 's'} ${marked ? 'marked' : 'hidden'} (--baseline); ` : ''}${s.written} written${output ? ` to ${printable(output)}` : ''}; ${seconds.toFixed(2)} s\n`
  );
}

/** The run's summary for CI (`score --summary-json`), schema wildsift.summary/1. */
export function scoreSummaryJson(
  s: ScoreSummary,
  run: {
    inputs: readonly string[]; output: string | undefined; format: string; rejected: number; broken: boolean; threshold: number;
    failOn: string | undefined; findings: boolean; model: { id: string; file: string } | undefined; startedAt: Date; seconds: number; version: string;
  },
): string {
  const out = {
    schema: 'wildsift.summary/1',
    tool: { name: 'wildsift', version: run.version },
    command: 'score',
    inputs: run.inputs,
    output: run.output ?? null,
    format: run.format,
    rows: { read: s.scored + run.rejected + s.seenBefore, scored: s.scored, rejected: run.rejected, seen_before: s.seenBefore },
    inputs_broken: run.broken,
    threshold: run.threshold,
    flagged: s.flagged,
    levels: { high: s.levels.high, medium: s.levels.medium, low: s.levels.low, none: s.levels.none },
    groups: s.groups ?? null,
    written: s.written,
    duplicate_ids: s.duplicateIds,
    reviewed: s.reviewed,
    lexicons: { id: s.lexicons.id, sets: s.lexicons.sets },
    model: run.model ?? null,
    fail_on: run.failOn ?? null,
    findings: run.findings,
    started_at: run.startedAt.toISOString(),
    seconds: Math.round(run.seconds * 1000) / 1000,
  };
  return JSON.stringify(out, null, 2) + '\n';
}

export function mergeSummaryLine(m: { records: number; written: number }, rejected: number, files: number, output: string | undefined, seconds: number): string {
  return `wildsift: ${m.records} record${m.records === 1 ? '' : 's'} from ${files} file${files === 1 ? '' : 's'} merged${rejected > 0 ? ` (${rejected} lines rejected)` : ''}; ${m.written} written${output ? ` to ${printable(output)}` : ''}; ${seconds.toFixed(2)} s\n`;
}
