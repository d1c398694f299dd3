/** The machine-readable record of one scored listing (schema wildsift.score/1). */
import { hitRecord, round, type HitRecord } from '../core/explain.js';
import type { Level } from '../core/types.js';
import type { ScoredListing } from '../app/score.js';
import type { FieldText } from '../core/matcher.js';

export const SCORE_SCHEMA = 'wildsift.score/1';

export interface OutputRecord {
  /** position in the ranking; null when results are written in input order (--no-sort) */
  rank: number | null;
  id: string;
  source: string;
  row: number;
  score: number;
  raw: number;
  level: Level;
  flagged: boolean;
  products: string[];
  hits: HitRecord[];
  fields: Record<string, unknown>;
}

export function toOutputRecord(l: ScoredListing, rank: number | null, threshold: number): OutputRecord {
  return {
    rank,
    id: l.id,
    source: l.source,
    row: l.row,
    score: round(l.result.score),
    raw: round(l.result.raw, 3),
    level: l.result.level,
    flagged: l.result.score >= threshold,
    products: l.result.products.map((p) => p.product),
    hits: l.result.hits.map(hitRecord),
    fields: l.fields,
  };
}

/**
 * A scored listing reduced to what output needs: its sort keys and its record
 * serialized without the rank (added when the rank is known). This is what
 * ranking keeps in memory, and what worker threads send back.
 */
export interface Compact {
  order: number;
  score: number;
  level: Level;
  flagged: boolean;
  /** JSON of the output record without its rank: {"id":...} */
  json: string;
  /** the scored texts, only when a table excerpt needs them */
  texts?: FieldText[];
}

export function compactOf(l: ScoredListing, threshold: number, withTexts: boolean): Compact {
  const { rank: _rank, ...rest } = toOutputRecord(l, null, threshold);
  return {
    order: l.order,
    score: l.result.score,
    level: l.result.level,
    flagged: l.result.score >= threshold,
    json: JSON.stringify(rest),
    ...(withTexts ? { texts: l.texts } : {}),
  };
}

/** The JSON line of a compact record with its rank. */
export function jsonWithRank(c: Compact, rank: number | null): string {
  return `{"rank":${rank === null ? 'null' : rank},${c.json.slice(1)}`;
}

/** The full output record of a compact one. */
export function recordOf(c: Compact, rank: number | null): OutputRecord {
  return { rank, ...(JSON.parse(c.json) as Omit<OutputRecord, 'rank'>) };
}
