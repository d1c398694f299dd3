/**
 * `lexicon lint`: problems in lexicon files beyond what loading rejects.
 * Takes file texts, returns problems; the caller reads files and prints.
 */
import { normalizeText, charClass, CharClass } from '../core/normalize.js';
import { ANY_PRODUCT, EVIDENCE_KINDS, type Lexicon } from '../core/types.js';
import { parseYaml } from './load.js';
import type { LexiconProblem } from '../core/errors.js';
import { schemaProblems, setProblems, toLexicon } from './validate.js';

const PLACEHOLDER_SOURCE = /^\s*(todo|tbd|unknown|n\/?a|none|\?+|-+)\s*\.?\s*$/i;

/** Lints the given files together (ids and terms must be unique across them). */
export function lintTexts(files: readonly { file: string; text: string }[]): LexiconProblem[] {
  const problems: LexiconProblem[] = [];
  const lexicons: Lexicon[] = [];
  for (const { file, text } of files) {
    const parsed = parseYaml(text, file);
    problems.push(...parsed.problems);
    if (parsed.problems.length > 0) continue;
    const schema = schemaProblems(parsed.doc, file);
    problems.push(...schema);
    if (schema.length > 0) continue;
    if (!/^#\s*yaml-language-server:\s*\$schema=/m.test(text.split('\n').slice(0, 3).join('\n'))) {
      problems.push({ severity: 'warning', file, message: 'no "# yaml-language-server: $schema=..." line at the top: editors will not validate while you type' });
    }
    lexicons.push(toLexicon(parsed.doc, file));
  }
  problems.push(...setProblems(lexicons));
  problems.push(...entryProblems(lexicons));
  problems.push(...nearProblems(lexicons));
  return problems;
}

/**
 * `near` conditions: every entry they name must be among the linted files
 * (lint the built-in lexicons with yours), and must not have a condition of
 * its own (only unconditioned hits anchor one); a no_match example must hold
 * one of the entry's terms (the cue away from its anchor); naming a kind no
 * linted entry has is a warning.
 */
function nearProblems(lexicons: readonly Lexicon[]): LexiconProblem[] {
  const problems: LexiconProblem[] = [];
  const byId = new Map(lexicons.flatMap((l) => l.entries.map((e) => [e.id, e] as const)));
  const kinds = new Set(lexicons.flatMap((l) => l.entries.filter((e) => e.near === undefined).map((e) => e.kind)));
  for (const lex of lexicons) {
    for (const e of lex.entries) {
      if (e.near === undefined) continue;
      const at = { file: lex.file ?? lex.name, entry: e.id };
      for (const id of e.near.entries ?? []) {
        const other = byId.get(id);
        if (other === undefined) problems.push({ severity: 'error', ...at, field: 'near.entries', message: `names entry "${id}", which no linted lexicon has: the condition can never hold for it (lint it with the lexicon that has it)` });
        else if (other.near !== undefined) problems.push({ severity: 'error', ...at, field: 'near.entries', message: `names entry "${id}", which has a near condition of its own: only entries without one anchor a condition` });
        else if (id === e.id) problems.push({ severity: 'error', ...at, field: 'near.entries', message: 'names itself' });
      }
      // both directions: a no_match example with one of the entry's own terms away from its anchor
      const terms = Object.values(e.terms).flat().map((t) => normalizeText(t)).filter((t) => t.length > 0);
      if (!e.examples.no_match.some((x) => { const n = normalizeText(x); return terms.some((t) => n.includes(t)); })) {
        problems.push({ severity: 'error', ...at, field: 'examples.no_match', message: 'an entry with a near condition needs a no_match example that holds one of its terms away from its anchor, so that the condition is tested both ways' });
      }
      for (const k of e.near.kinds ?? []) {
        if (!kinds.has(k)) problems.push({ severity: 'warning', ...at, field: 'near.kinds', message: `no linted entry of kind ${k} without a near condition: the condition can never hold` });
      }
    }
  }
  return problems;
}

function entryProblems(lexicons: readonly Lexicon[]): LexiconProblem[] {
  const problems: LexiconProblem[] = [];
  // normalized term -> first entry of each kind that has it
  const seen = new Map<string, { entry: string; file: string; product: string }>();
  // kind + term -> a product-specific entry that has it (clashes with an 'any' entry added later)
  const anyProducts = new Map<string, { entry: string; file: string; product: string }>();
  for (const lex of lexicons) {
    const file = lex.file ?? lex.name;
    for (const e of lex.entries) {
      const at = { file, entry: e.id };
      if (PLACEHOLDER_SOURCE.test(e.source)) problems.push({ severity: 'error', ...at, field: 'source', message: `missing source ("${e.source}"): name the report, paper, law or CITES listing, or write "own judgement: <reason>"` });
      const negative = e.kind === 'benign' || e.kind === 'news';
      if (e.kind === 'negation' && e.weight !== 0) problems.push({ severity: 'warning', ...at, field: 'weight', message: `negation entries add nothing themselves; their weight is ignored (got ${e.weight}, write 0)` });
      else if (negative && e.weight > 0) problems.push({ severity: 'warning', ...at, field: 'weight', message: `${e.kind} entries usually have a negative weight, got ${e.weight}` });
      if (!negative && e.kind !== 'negation' && e.weight < 0) problems.push({ severity: 'warning', ...at, field: 'weight', message: `${e.kind} entries usually have a positive weight, got ${e.weight}` });
      if (e.corroboration !== 'none' && !EVIDENCE_KINDS.has(e.kind)) {
        problems.push({ severity: 'warning', ...at, field: 'corroboration', message: `has no effect on ${e.kind} entries` });
      }
      // normalized form -> diacritics-only form of the first term with it
      const own = new Map<string, string>();
      for (const [lang, terms] of Object.entries(e.terms)) {
        for (const term of terms) {
          const n = normalizeText(term);
          const field = `terms.${lang}`;
          if (n.length === 0) {
            problems.push({ severity: 'error', ...at, field, message: `term "${term}" normalizes to nothing and can never match` });
            continue;
          }
          if (n.length === 1 && charClass(n.charCodeAt(0)) === CharClass.Letter && /[a-z]/.test(n)) {
            problems.push({ severity: 'error', ...at, field, message: `term "${term}" normalizes to the single letter "${n}"` });
          }
          const light = normalizeText(term, { fold: 'diacritics' });
          const first = own.get(n);
          if (first !== undefined) {
            // a Traditional and a Simplified spelling of one term are expected: both document usage
            if (first === light) problems.push({ severity: 'warning', ...at, field, message: `term "${term}" repeats another term of this entry after normalization ("${n}")` });
            continue;
          }
          own.set(n, light);
          // the same term twice for one product (or for 'any' and a product) counts twice: an error;
          // the same term for two different products is how a word points at several products
          const key = `${e.kind}\u0000${e.product}\u0000${n}`;
          const anyKey = `${e.kind}\u0000${ANY_PRODUCT}\u0000${n}`;
          const prev = seen.get(key) ?? (e.product !== ANY_PRODUCT ? seen.get(anyKey) : anyProducts.get(`${e.kind}\u0000${n}`));
          if (prev) {
            problems.push({ severity: 'error', ...at, field, message: `duplicate term "${term}" (normalized "${n}"): also in ${e.kind} entry ${prev.entry} (${prev.file}) for ${prev.product === e.product ? 'the same product' : `product ${prev.product}`}` });
          } else {
            seen.set(key, { ...at, product: e.product });
            if (e.product !== ANY_PRODUCT) anyProducts.set(`${e.kind}\u0000${n}`, { ...at, product: e.product });
          }
        }
      }
    }
  }
  return problems;
}
