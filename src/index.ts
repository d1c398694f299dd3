/**
 * wildsift as a library. The pure core (normalize, match, score, explain) has
 * no I/O; the lexicon loader and input readers read files and streams; the
 * app layer runs whole commands against streams and callbacks you give it.
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
export { listingScore, type ScoredListing } from './core/listing.js';
export { KINDS, LEVELS, ANY_PRODUCT, type Kind, type Level, type Hit, type Lexicon, type LexiconEntry, type Transform } from './core/types.js';
export { WildsiftError, UsageError, InputError, OutputError, LexiconError, PipeClosed, type LexiconProblem } from './core/errors.js';
export { loadLexicons, loadLexiconFile, parseLexiconText, type LoadOptions } from './lexicon/load.js';
export { readRecords, fileInput, streamInput, type InputRecord, type InputSpec, type ReadSettings, type Reject, type Warning } from './input/read.js';
export { InputLog, inputSpecs, type ErrorPolicy, type InputReporter } from './app/inputs.js';
export { scorePipeline, plannedRecords, type Pipeline, type PipelineOptions } from './app/pipeline.js';
export { scoreListings, type ScoreRun, type ScoreSummary } from './app/score.js';
export { compareRank, TopN, type Rankable } from './app/rank.js';
export { evaluate, checkGates, type EvalOptions, type EvalReport } from './app/eval.js';
export { diffLexicons, type DiffOptions, type DiffReport } from './app/diff.js';
export { mergeScored, type MergeRun } from './app/merge.js';
export { toOutputRecord, SCORE_SCHEMA, type OutputRecord } from './output/record.js';
