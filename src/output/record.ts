/** The machine-readable record of one scored listing (schema wildsift.score/1). */
import { hitRecord, round, type HitRecord } from '../core/explain.js';
import type { Level } from '../core/types.js';
import type { ScoredListing } from '../app/score.js';

export const SCORE_SCHEMA = 'wildsift.score/1';

export interface OutputRecord {
  rank: number;
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

export function toOutputRecord(l: ScoredListing, rank: number, threshold: number): OutputRecord {
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
