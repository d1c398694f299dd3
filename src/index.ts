/**
 * wildsift as a library. The pure core (normalize, match, score, explain) has
 * no I/O; the lexicon loader and input readers read files and streams.
 */
export { normalize, normalizeText, charClass, CharClass, type Normalized, type NormalizeOptions } from './core/normalize.js';
export { Automaton, type AutomatonMatch } from './core/automaton.js';
export { Matcher, TRANSFORM_FACTOR, type FieldText } from './core/matcher.js';
export {
  scoreHits, curve, levelOf, DEFAULT_SCORE_OPTIONS, DEFAULT_THRESHOLD,
  type ScoreOptions, type ScoreResult, type ScoredHit, type ProductScore, type HitStatus,
} from './core/score.js';
export { Scorer } from './core/scorer.js';
export { hitRecord, explainText, type HitRecord } from './core/explain.js';
export { KINDS, LEVELS, ANY_PRODUCT, type Kind, type Level, type Hit, type Lexicon, type LexiconEntry, type Transform } from './core/types.js';
export { loadLexicons, loadLexiconFile, parseLexiconText, type LoadOptions } from './lexicon/load.js';
export { LexiconError } from './lexicon/validate.js';
export { readRecords, fileInput, streamInput, type InputRecord, type InputSpec, type Reject, type Warning } from './input/read.js';
export { scoreInputs, byRank, type ScoredListing, type ScoreInputsOptions } from './app/score.js';
export { toOutputRecord, SCORE_SCHEMA, type OutputRecord } from './output/record.js';
export { UsageError, InputError } from './errors.js';
