/** The machine-readable record of one scored listing (schema wildsift.score/1). */
import { hitRecord, round, type HitRecord } from '../core/explain.js';
import { EVIDENCE_KINDS, LEVELS, type Kind, type Level } from '../core/types.js';
import type { ScoredListing } from '../core/listing.js';
import type { ScoredHit } from '../core/score.js';
import type { FieldText } from '../core/matcher.js';
import { simhash, simhashNormalized } from '../core/simhash.js';
import { TOP_FEATURES } from '../core/model.js';
import { evidenceKeys } from '../core/baseline.js';

export const SCORE_SCHEMA = 'wildsift.score/2';
/** Schemas whose records merge, stats --scored and report --scored read: /1 wrote every hit, /2 the hits that explain the score. */
export const READABLE_SCORE_SCHEMAS: readonly string[] = ['wildsift.score/1', SCORE_SCHEMA];

/**
 * The hits a record carries unless every hit is asked for (--all-hits): those
 * that add to the score, and those that explain why something did not count
 * fully (uncorroborated, capped, negated and their negations, context).
 * Left out: repeats of an entry already counted, hits inside a longer hit,
 * hits of another product and hits in a listing without evidence, which
 * were 75% of all hits and most of the output on generated data (#15).
 */
const EXPLAINING: ReadonlySet<string> = new Set(['counted', 'uncorroborated', 'capped', 'negated', 'negation', 'context']);
export function recordHits(hits: readonly ScoredHit[], all: boolean): HitRecord[] {
  const out: HitRecord[] = [];
  for (const h of hits) if (all || EXPLAINING.has(h.status)) out.push(hitRecord(h));
  return out;
}

export interface OutputRecord {
  /** position in the ranking; null when results are written in input order (--no-sort) */
  rank: number | null;
  /** near-duplicate group: listings with nearly the same text share it (null with --no-groups) */
  group: number | null;
  id: string;
  source: string;
  row: number;
  score: number;
  raw: number;
  level: Level;
  flagged: boolean;
  products: string[];
  hits: HitRecord[];
  /** only when some were: hits found but not kept, their entry already had MAX_HITS_PER_ENTRY (100) in that field */
  hits_not_kept?: number;
  fields: Record<string, unknown>;
  /** with --model only: the learned model's part (see ModelRecord) */
  model?: ModelRecord;
  /** the record's schema, "wildsift.score/1" */
  schema: string;
  /** fingerprint of the lexicon set it was scored with: merge refuses shards whose fingerprints differ */
  lexicons: string;
  /** fingerprint of the listing's item text (16 hex digits): the same words give the same one in any file or scrape; what a decisions file can name when there is no id */
  fingerprint?: string;
  /** with --baseline-mark: the review decision that covers this finding */
  reviewed?: Record<string, unknown>;
}

/** What a record says of the model that scored it: score = sigmoid(logit), logit = bias + prior + lexicon + text. */
export interface ModelRecord {
  /** the model's fingerprint */
  id: string;
  /** false: no product evidence, the model was not applied (score 0) */
  applied: boolean;
  /** calibrated log-odds (null when not applied) */
  logit: number | null;
  bias: number;
  prior: number;
  lexicon: number;
  text: number;
  /** the strongest contributions (explain --model lists all) */
  top: { feature: string; contribution: number }[];
}

function modelRecord(m: NonNullable<ScoredListing['model']>): ModelRecord {
  const o = m.outcome;
  return {
    id: m.id,
    applied: o.applied,
    logit: o.applied ? round(o.logit, 4) : null,
    bias: round(o.bias, 4),
    prior: round(o.parts.prior, 4),
    lexicon: round(o.parts.lexicon, 4),
    text: round(o.parts.text, 4),
    top: o.contributions.slice(0, TOP_FEATURES).map((c) => ({ feature: c.feature, contribution: round(c.contribution, 4) })),
  };
}

export function toOutputRecord(l: ScoredListing, rank: number | null, threshold: number, allHits = false): OutputRecord {
  return { rank, group: null, ...recordBody(l, threshold, allHits) };
}

/** An output record without its rank and group (what a compact record serializes). */
function recordBody(l: ScoredListing, threshold: number, allHits: boolean): Omit<OutputRecord, 'rank' | 'group'> {
  return {
    id: l.id,
    source: l.source,
    row: l.row,
    score: l.score,
    raw: round(l.result.raw, 3),
    level: l.level,
    flagged: l.score >= threshold,
    products: l.result.products.map((p) => p.product),
    hits: recordHits(l.result.hits, allHits),
    ...(l.result.notKept !== undefined ? { hits_not_kept: l.result.notKept } : {}),
    fields: l.fields,
    ...(l.model ? { model: modelRecord(l.model) } : {}),
    schema: SCORE_SCHEMA,
    lexicons: l.lexicons,
    fingerprint: l.fingerprint,
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
  /** JSON of the output record without its rank: {"group":...,"id":...}; while `head` is set, without group, id, source and row: {"score":...} */
  json: string;
  /**
   * what the record's JSON starts with, written by the main thread with the
   * group (withGroup): the row number is known there when worker threads
   * read an input in blocks (input/blocks.ts), and with it the id of a
   * listing without an id field
   */
  head?: RecordHead;
  /** the scored texts, only when a table excerpt needs them */
  texts?: FieldText[];
  /** SimHash of the listing's text, for near-duplicate groups */
  sim?: [number, number];
  /** near-duplicate group, assigned in input order by the main thread */
  group?: number;
  /** with score --baseline: what a baseline is looked up by (the id when it came from an id field, the text fingerprint, the evidence), flagged listings only */
  key?: { id: string | undefined; fingerprint: string; evidence: string[] };
  /** with score --seen: what the listing's score depends on (contentKey) */
  contentKey?: string;
  /** the same listing's record (JSON, no rank or group) under each further lexicon set of the job (diff) */
  variants?: string[];
}

/** The start of a record: its id (when it comes from an id field; else the row number is the id), source and row. */
export interface RecordHead {
  id?: string;
  source: string;
  row: number;
}

export function compactOf(l: ScoredListing, threshold: number, withTexts: boolean, withSim = false, allHits = false, withKey = false): Compact {
  const { id: _id, source: _source, row: _row, ...rest } = recordBody(l, threshold, allHits);
  return {
    order: l.order,
    score: l.score,
    level: l.level,
    flagged: l.score >= threshold,
    json: JSON.stringify(rest),
    head: { ...(l.idFromField ? { id: l.id } : {}), source: l.source, row: l.row },
    ...(withTexts ? { texts: l.texts } : {}),
    ...(withKey && l.score >= threshold ? { key: { id: l.idFromField ? l.id : undefined, fingerprint: l.fingerprint, evidence: evidenceKeys(rest.hits) } } : {}),
    // near-duplicates by what the listing says: a seller's bio is the same on every post
    ...(withSim ? { sim: l.result.normalized ? simhashNormalized(l.result.normalized) : simhash(l.texts.filter((t) => t.role !== 'context').map((t) => t.text).join('\n')) } : {}),
  };
}

/** Sets the near-duplicate group of a compact record (into its JSON, after where the rank goes), and writes its head. */
export function withGroup(c: Compact, group: number | null): Compact {
  c.group = group ?? undefined;
  const h = c.head;
  const head = h ? `"id":${JSON.stringify(h.id ?? String(h.row))},"source":${JSON.stringify(h.source)},"row":${h.row},` : '';
  c.json = `{"group":${group === null ? 'null' : group},${head}${c.json.slice(1)}`;
  c.head = undefined;
  return c;
}

/** The JSON line of a compact record with its rank. */
export function jsonWithRank(c: Compact, rank: number | null): string {
  return `{"rank":${rank === null ? 'null' : rank},${c.json.slice(1)}`;
}

/** The full output record of a compact one. */
export function recordOf(c: Compact, rank: number | null): OutputRecord {
  return { rank, ...(JSON.parse(c.json) as Omit<OutputRecord, 'rank'>) };
}

/** The language of a record's strongest evidence hit ("und" without one); emoji and symbols ("any") say nothing about it. */
export function languageOf(r: Pick<OutputRecord, 'hits'>): string {
  const ev = r.hits.filter((h) => EVIDENCE_KINDS.has(h.kind as Kind)).sort((a, b) => b.contribution - a.contribution);
  return ev.find((h) => h.lang !== 'any')?.lang ?? 'und';
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Why a parsed JSON value is not a score record (schema wildsift.score/1),
 * or undefined when it is one: the fields that ranking, merging and
 * aggregating read must be there with the right types.
 */
/** What scored a record: its lexicon set and, with --model, the model's fingerprint. */
export function scorerOf(r: Pick<OutputRecord, 'lexicons' | 'model'>): string {
  return r.model === undefined ? `lexicon set ${r.lexicons} with hand weights` : `lexicon set ${r.lexicons} with model ${r.model.id}`;
}

export function scoreRecordProblem(v: unknown): string | undefined {
  if (!isObject(v)) return 'not a JSON object';
  const missing: string[] = [];
  const want = (k: string, ok: (x: unknown) => boolean) => { if (!ok(v[k])) missing.push(k); };
  want('id', (x) => typeof x === 'string');
  want('source', (x) => typeof x === 'string');
  want('row', (x) => typeof x === 'number');
  want('score', (x) => typeof x === 'number' && x >= 0 && x <= 1);
  want('level', (x) => typeof x === 'string' && (LEVELS as readonly string[]).includes(x));
  want('flagged', (x) => typeof x === 'boolean');
  want('products', (x) => Array.isArray(x) && x.every((p) => typeof p === 'string'));
  want('hits', (x) => Array.isArray(x) && x.every(isObject));
  want('fields', isObject);
  want('lexicons', (x) => typeof x === 'string');
  want('model', (x) => x === undefined || (isObject(x) && typeof x.id === 'string'));
  if (missing.length === 0 && !READABLE_SCORE_SCHEMAS.includes(v.schema as string)) return `a score record of schema ${v.schema === undefined ? '(none)' : JSON.stringify(v.schema)}, not ${SCORE_SCHEMA}: score it again with this version`;
  want('schema', (x) => READABLE_SCORE_SCHEMAS.includes(x as string));
  return missing.length === 0 ? undefined : `not a wildsift score record (${SCORE_SCHEMA}): ${missing.join(', ')} missing or of the wrong type`;
}
