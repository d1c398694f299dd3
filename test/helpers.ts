import type { Kind, Lexicon, LexiconEntry } from '../src/core/types.js';

/** A lexicon entry for tests, with the defaults the loader applies. */
export function entry(id: string, kind: Kind, product: string, weight: number, terms: Record<string, string[]>, extra: Partial<LexiconEntry> = {}): LexiconEntry {
  return {
    id,
    kind,
    product,
    weight,
    terms,
    corroboration: kind === 'code_word' ? 'required' : 'none',
    diacritics: 'fold',
    source: 'test',
    examples: { match: ['x'], no_match: ['y'] },
    lexicon: 'test',
    ...extra,
  };
}

export function lexicon(entries: LexiconEntry[], name = 'test'): Lexicon {
  return { name, version: '1.0.0', entries: entries.map((e) => ({ ...e, lexicon: name })) };
}
