/** The pure scoring pipeline: fields -> hits (those of `near` entries only near their anchors) -> score, with the listing's length. */
import { Matcher, type FieldText, type MatcherTables } from './matcher.js';
import { applyNear, itemTokens } from './near.js';
import { DEFAULT_SCORE_OPTIONS, scoreHits, type ScoreOptions, type ScoreResult } from './score.js';
import type { Lexicon } from './types.js';

export class Scorer {
  readonly matcher: Matcher;
  readonly options: ScoreOptions;
  readonly lexicons: readonly Lexicon[];

  /** `tables`: what a Matcher of these lexicons computed before (compiled lexicons), to skip compiling them again. */
  constructor(lexicons: readonly Lexicon[], options: Partial<ScoreOptions> = {}, tables?: MatcherTables) {
    this.lexicons = lexicons;
    this.matcher = new Matcher(lexicons, tables);
    this.options = { ...DEFAULT_SCORE_OPTIONS, ...options };
  }

  score(fields: readonly FieldText[]): ScoreResult {
    const normalized: string[] = [];
    const tally = { notKept: 0 };
    const hits = applyNear(this.matcher.match(fields, normalized, tally), fields);
    const result = scoreHits(hits, this.options, { tokens: itemTokens(fields) });
    result.normalized = normalized;
    if (tally.notKept > 0) result.notKept = tally.notKept;
    return result;
  }

  scoreText(text: string, field = 'text'): ScoreResult {
    return this.score([{ name: field, text }]);
  }
}
