/** A scored listing: what the scoring stage hands on to ranking and output. Pure. */
import { round } from './explain.js';
import type { FieldText } from './matcher.js';
import type { ScoreResult } from './score.js';
import type { Row } from './fields.js';
import type { ModelOutcome } from './model.js';
import type { Level } from './types.js';

export interface ScoredListing {
  /** position over all inputs, for stable ranking */
  order: number;
  source: string;
  row: number;
  id: string;
  /** the score as written (see listingScore): ranking, flagging and output all use this value */
  score: number;
  /** the level of the score (the model's, with a model) */
  level: Level;
  result: ScoreResult;
  /** with a model: its outcome (the score is its calibrated probability) and the model's fingerprint */
  model?: { id: string; outcome: ModelOutcome };
  /** the scored text fields (for excerpts) */
  texts: FieldText[];
  /** the original fields kept for output */
  fields: Row;
  /** the fingerprint of the lexicon set it was scored with (lexiconSetId) */
  lexicons: string;
  /** the fingerprint of its item text (textFingerprint), stable across scrapes and files */
  fingerprint: string;
  /** the id came from an id field (else it is the row number, which says nothing across files) */
  idFromField: boolean;
}

/**
 * The score a listing is written, ranked and flagged with: the scorer's
 * score rounded to 4 decimals. The scorer's float depends on the order its
 * contributions were added in (the same raw sum added in another order
 * differs in the last bit); the rounded value is what every output shows,
 * so a merge of shard outputs, a report and a single run rank alike.
 */
export function listingScore(result: ScoreResult): number {
  return round(result.score);
}

/** A listing's text fields on one line, cut to `max` characters. */
export function listingExcerpt(texts: readonly FieldText[], max: number): string {
  const text = texts.map((t) => t.text).join(' | ').replace(/\s+/g, ' ');
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
