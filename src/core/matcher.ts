/**
 * Compiles lexicon entries into one automaton and finds hits in listing text.
 * Pure: no I/O.
 */
import { Automaton } from './automaton.js';
import { CharClass, charClass, normalizeText, normalizeTransient } from './normalize.js';
import type { Hit, Lexicon, LexiconEntry, Transform } from './types.js';

/** Weight factor for a hit found only after folding diacritics. */
export const DIACRITIC_FOLD_FACTOR = 0.9;

interface TermRef {
  entry: LexiconEntry;
  lang: string;
  term: string;
  /** normalized without folding, to tell exact hits from folded ones */
  exact: string;
  /** class of the term's first and last character: a neighbour of the same class (letter or digit) means no word boundary */
  startClass: CharClass;
  endClass: CharClass;
}

export interface FieldText {
  name: string;
  text: string;
}

export class Matcher {
  private readonly automaton: Automaton;
  private readonly refs: TermRef[][];
  readonly entries: readonly LexiconEntry[];
  /** terms that normalize to nothing and can never match */
  readonly emptyTerms: { entry: string; lang: string; term: string }[] = [];

  constructor(lexicons: readonly Lexicon[]) {
    const patterns: string[] = [];
    const index = new Map<string, number>();
    this.refs = [];
    const entries: LexiconEntry[] = [];
    for (const lex of lexicons) {
      for (const entry of lex.entries) {
        entries.push(entry);
        for (const [lang, terms] of Object.entries(entry.terms)) {
          for (const term of terms) {
            const folded = normalizeText(term);
            if (folded.length === 0) {
              this.emptyTerms.push({ entry: entry.id, lang, term });
              continue;
            }
            let p = index.get(folded);
            if (p === undefined) {
              p = patterns.length;
              patterns.push(folded);
              index.set(folded, p);
              this.refs.push([]);
            }
            this.refs[p]!.push({
              entry,
              lang,
              term,
              exact: normalizeText(term, { fold: false }),
              startClass: charClass(folded.charCodeAt(0)),
              endClass: charClass(folded.charCodeAt(folded.length - 1)),
            });
          }
        }
      }
    }
    this.entries = entries;
    this.automaton = new Automaton(patterns);
  }

  /** All hits of all entries in one field's text. */
  matchField(field: string, text: string): Hit[] {
    const hits: Hit[] = [];
    if (text.length === 0) return hits;
    const norm = normalizeTransient(text);
    const t = norm.text;
    this.automaton.scan(t, (p, s, e) => {
      const refs = this.refs[p]!;
      const before = s > 0 ? charClass(t.charCodeAt(s - 1)) : CharClass.Other;
      const after = e < t.length ? charClass(t.charCodeAt(e)) : CharClass.Other;
      const start16 = norm.starts[s]!;
      const end16 = norm.ends[e - 1]!;
      let exactSlice: string | undefined;
      for (const ref of refs) {
        if (!boundary(ref.startClass, before) || !boundary(ref.endClass, after)) continue;
        exactSlice ??= normalizeText(text.slice(start16, end16), { fold: false });
        const transform: Transform = exactSlice === ref.exact ? 'exact' : 'diacritics';
        if (transform !== 'exact' && ref.entry.diacritics === 'exact') continue;
        hits.push({
          entry: ref.entry,
          term: ref.term,
          lang: ref.lang,
          field,
          start: start16,
          end: end16,
          start16,
          end16,
          match: text.slice(start16, end16),
          transform,
          weight: transform === 'exact' ? ref.entry.weight : ref.entry.weight * DIACRITIC_FOLD_FACTOR,
        });
      }
    });
    // reading order: by start, longer first
    hits.sort((a, b) => a.start16 - b.start16 || b.end16 - a.end16);
    if (hits.length > 0 && /[\uD800-\uDFFF]/.test(text)) toCodePoints(text, hits);
    return hits;
  }

  /** Hits over several fields, in field order. */
  match(fields: readonly FieldText[]): Hit[] {
    const out: Hit[] = [];
    for (const f of fields) {
      const h = this.matchField(f.name, f.text);
      for (const x of h) out.push(x);
    }
    return out;
  }
}

/** Whether a term edge of class `edge` may touch a neighbour of class `next`. */
function boundary(edge: CharClass, next: CharClass): boolean {
  if (edge === CharClass.Letter || edge === CharClass.Digit) return next !== edge;
  return true;
}

/** Rewrites start/end from UTF-16 offsets to code point offsets. */
function toCodePoints(text: string, hits: Hit[]): void {
  const offsets = new Set<number>();
  for (const h of hits) { offsets.add(h.start16); offsets.add(h.end16); }
  const sorted = [...offsets].sort((a, b) => a - b);
  const map = new Map<number, number>();
  let cp = 0;
  let i = 0;
  for (const target of sorted) {
    while (i < target) {
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
      cp++;
    }
    map.set(target, cp);
  }
  for (const h of hits) { h.start = map.get(h.start16)!; h.end = map.get(h.end16)!; }
}
