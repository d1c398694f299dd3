/**
 * Validates parsed lexicon documents against the shipped JSON Schema and
 * applies defaults. Pure: takes data, returns entries or errors.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Corroboration, Kind, Lexicon, LexiconEntry } from '../core/types.js';
import { readFileSync } from 'node:fs';
import { LEXICON_SCHEMA_FILE } from './paths.js';
import { formatProblem, LexiconError, type LexiconProblem } from '../core/errors.js';

let validator: ValidateFunction | undefined;
function getValidator(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(LEXICON_SCHEMA_FILE, 'utf8')) as object);
  return validator;
}

function describe(doc: unknown, err: ErrorObject, file: string): LexiconProblem {
  const parts = err.instancePath.split('/').slice(1);
  const problem: LexiconProblem = { severity: 'error', file, message: err.message ?? 'is invalid' };
  if (parts[0] === 'entries' && parts[1] !== undefined) {
    const entries = (doc as { entries?: unknown[] }).entries;
    const entry = entries?.[Number(parts[1])] as { id?: unknown } | undefined;
    problem.entry = typeof entry?.id === 'string' ? entry.id : `#${Number(parts[1]) + 1}`;
    const field = parts.slice(2).join('.');
    if (field) problem.field = field;
  } else if (parts.length > 0) {
    problem.field = parts.join('.');
  }
  if (err.keyword === 'additionalProperties') problem.message = `unknown field "${(err.params as { additionalProperty: string }).additionalProperty}"`;
  if (err.keyword === 'enum') problem.message += `: ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  if (err.keyword === 'propertyNames') problem.message = `has an unknown language code "${(err.params as { propertyName: string }).propertyName}"`;
  if (err.keyword === 'required') {
    const missing = (err.params as { missingProperty: string }).missingProperty;
    problem.message = `missing ${missing}`;
  }
  return problem;
}

/** What a document that is not a mapping is ("a list"), for a message that says more than "must be object". */
function notAMapping(doc: unknown): string | undefined {
  if (doc === null || doc === undefined) return 'empty';
  if (Array.isArray(doc)) return 'a list';
  return typeof doc === 'object' ? undefined : `a single ${typeof doc}`;
}

/** Schema problems of one parsed document (empty when valid). */
export function schemaProblems(doc: unknown, file: string): LexiconProblem[] {
  const what = notAMapping(doc);
  if (what !== undefined) return [{ severity: 'error', file, message: `the document is ${what}: a lexicon file is a mapping with format, lexicon, version and entries` }];
  const validate = getValidator();
  if (validate(doc)) return [];
  // errors about a property name come twice (the name's own error, then propertyNames): keep the second
  const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && (e as { propertyName?: string }).propertyName === undefined);
  const seen = new Set<string>();
  const problems: LexiconProblem[] = [];
  for (const e of errors) {
    const p = describe(doc, e, file);
    const key = formatProblem(p);
    if (!seen.has(key)) { seen.add(key); problems.push(p); }
  }
  return problems;
}

interface RawEntry {
  id: string;
  product: string;
  kind: Kind;
  weight: number;
  corroboration?: Corroboration;
  diacritics?: 'fold' | 'exact';
  terms: Record<string, string[]>;
  note?: string;
  source: string;
  examples: { match: string[]; no_match: string[] };
  near?: { entries?: string[]; kinds?: Kind[]; within: number; side?: 'before' | 'after' | 'either' };
}

interface RawLexicon {
  format: 1;
  lexicon: string;
  version: string;
  description?: string;
  entries: RawEntry[];
}

/** Validates one parsed document; throws LexiconError naming file, entry and field. */
export function toLexicon(doc: unknown, file: string): Lexicon {
  const problems = schemaProblems(doc, file);
  if (problems.length > 0) throw new LexiconError(problems);
  const raw = doc as RawLexicon;
  const entries: LexiconEntry[] = raw.entries.map((e) => ({
    id: e.id,
    product: e.product,
    kind: e.kind,
    weight: e.weight,
    corroboration: e.corroboration ?? (e.kind === 'code_word' ? 'required' : 'none'),
    diacritics: e.diacritics ?? 'fold',
    terms: e.terms,
    ...(e.note !== undefined ? { note: e.note } : {}),
    source: e.source,
    examples: e.examples,
    ...(e.near !== undefined ? { near: { ...(e.near.entries ? { entries: e.near.entries } : {}), ...(e.near.kinds ? { kinds: e.near.kinds } : {}), within: e.near.within, side: e.near.side ?? 'either' } } : {}),
    lexicon: raw.lexicon,
  }));
  return {
    name: raw.lexicon,
    version: raw.version,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    file,
    entries,
  };
}

/** Problems that span files: duplicate entry ids. */
export function setProblems(lexicons: readonly Lexicon[]): LexiconProblem[] {
  const problems: LexiconProblem[] = [];
  const ids = new Map<string, string>();
  for (const lex of lexicons) {
    for (const e of lex.entries) {
      const file = lex.file ?? lex.name;
      const prev = ids.get(e.id);
      if (prev !== undefined) problems.push({ severity: 'error', file, entry: e.id, field: 'id', message: `duplicate id, also in ${prev}` });
      else ids.set(e.id, file);
    }
  }
  return problems;
}

/** Throws a LexiconError when entry ids repeat across files. */
export function checkSet(lexicons: readonly Lexicon[]): void {
  const problems = setProblems(lexicons);
  if (problems.length > 0) throw new LexiconError(problems);
}
