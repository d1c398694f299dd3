/** The pure scoring pipeline: fields -> hits -> score. */
import { Matcher, type FieldText } from './matcher.js';
import { DEFAULT_SCORE_OPTIONS, scoreHits, type ScoreOptions, type ScoreResult } from './score.js';
import type { Lexicon } from './types.js';

export class Scorer {
  readonly matcher: Matcher;
  readonly options: ScoreOptions;
  readonly lexicons: readonly Lexicon[];

  constructor(lexicons: readonly Lexicon[], options: Partial<ScoreOptions> = {}) {
    this.lexicons = lexicons;
    this.matcher = new Matcher(lexicons);
    this.options = { ...DEFAULT_SCORE_OPTIONS, ...options };
  }

  score(fields: readonly FieldText[]): ScoreResult {
    return scoreHits(this.matcher.match(fields), this.options);
  }

  scoreText(text: string, field = 'text'): ScoreResult {
    return this.score([{ name: field, text }]);
  }
}
