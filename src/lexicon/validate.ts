/**
 * Validates parsed lexicon documents against the shipped JSON Schema and
 * applies defaults. Pure: takes data, returns entries or errors.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Corroboration, Kind, Lexicon, LexiconEntry } from '../core/types.js';
import { readFileSync } from 'node:fs';
import { LEXICON_SCHEMA_FILE } from '../paths.js';

export class LexiconError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'LexiconError';
  }
}

let validator: ValidateFunction | undefined;
function getValidator(): ValidateFunction {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readFileSync(LEXICON_SCHEMA_FILE, 'utf8')) as object);
  return validator;
}

function describe(doc: unknown, err: ErrorObject, file: string): string {
  const parts = err.instancePath.split('/').slice(1);
  let where = `${file}`;
  if (parts[0] === 'entries' && parts[1] !== undefined) {
    const entries = (doc as { entries?: unknown[] }).entries;
    const entry = entries?.[Number(parts[1])] as { id?: unknown } | undefined;
    const id = typeof entry?.id === 'string' ? entry.id : `#${Number(parts[1]) + 1}`;
    where += `: entry ${id}`;
    const field = parts.slice(2).join('.');
    if (field) where += `: field ${field}`;
  } else if (parts.length > 0) {
    where += `: field ${parts.join('.')}`;
  }
  let msg = err.message ?? 'is invalid';
  if (err.keyword === 'additionalProperties') msg = `unknown field "${(err.params as { additionalProperty: string }).additionalProperty}"`;
  if (err.keyword === 'enum') msg += `: ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  if (err.keyword === 'propertyNames') msg = `has an unknown language code "${(err.params as { propertyName: string }).propertyName}"`;
  return `${where}: ${msg}`;
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
  const validate = getValidator();
  if (!validate(doc)) {
    // errors about a property name come twice (the name's own error, then propertyNames): keep the second
    const errors = (validate.errors ?? []).filter((e) => e.keyword !== 'if' && (e as { propertyName?: string }).propertyName === undefined);
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const e of errors) {
      const m = describe(doc, e, file);
      if (!seen.has(m)) { seen.add(m); problems.push(m); }
    }
    throw new LexiconError(problems);
  }
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

/** Checks rules that span files: unique entry ids. */
export function checkSet(lexicons: readonly Lexicon[]): void {
  const problems: string[] = [];
  const ids = new Map<string, string>();
  for (const lex of lexicons) {
    for (const e of lex.entries) {
      const prev = ids.get(e.id);
      if (prev !== undefined) problems.push(`${lex.file ?? lex.name}: entry ${e.id}: field id: duplicate id, also in ${prev}`);
      else ids.set(e.id, lex.file ?? lex.name);
    }
  }
  if (problems.length > 0) throw new LexiconError(problems);
}
