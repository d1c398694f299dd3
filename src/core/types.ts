/** Shared types of the pure core. */

export const KINDS = ['product', 'species', 'code_word', 'trade_signal', 'product_form', 'benign', 'news', 'negation'] as const;
export type Kind = (typeof KINDS)[number];

/** Kinds that say which product a listing is about. */
export const EVIDENCE_KINDS: ReadonlySet<Kind> = new Set<Kind>(['product', 'species', 'code_word']);
/** Kinds that corroborate an ambiguous term or code word. */
export const CORROBORATING_KINDS: ReadonlySet<Kind> = new Set<Kind>(['trade_signal', 'product_form']);

export const ANY_PRODUCT = 'any';

/** none: counts alone; required: needs a product form or trade signal; product: needs another evidence entry of the same product. */
export type Corroboration = 'none' | 'required' | 'product';

/**
 * A condition on where an entry's hit may lie: within `within` tokens of a hit
 * of one of `entries` (ids) or of an entry of one of `kinds`, in the same
 * field. `side`: where this entry's hit lies relative to that other hit
 * ('before': it comes first, as "carved" in "carved ivory"; 'after': it comes
 * second, as "silk" in "ivory silk"; 'either'). A hit that fails it is dropped.
 */
export interface Near {
  entries?: string[];
  kinds?: Kind[];
  within: number;
  side: 'before' | 'after' | 'either';
}

/** 'item': a field that describes the listed item; 'context': one that describes the seller or the page (a bio, a shop name). */
export type FieldRole = 'item' | 'context';

export interface LexiconEntry {
  id: string;
  product: string;
  kind: Kind;
  weight: number;
  corroboration: Corroboration;
  diacritics: 'fold' | 'exact';
  terms: Record<string, string[]>;
  note?: string;
  source: string;
  examples: { match: string[]; no_match: string[] };
  /** only hits near another hit count (see Near) */
  near?: Near;
  /** name of the lexicon the entry belongs to */
  lexicon: string;
}

export interface Lexicon {
  name: string;
  version: string;
  description?: string;
  /** where it was loaded from (for messages); absent for in-memory lexicons */
  file?: string;
  entries: LexiconEntry[];
}

/**
 * How a hit was found: 'exact' (after Unicode and case normalization only),
 * 'diacritics' (accents folded), 'traditional' (Traditional Chinese folded to
 * Simplified), 'separators' (letters split by dots, spaces, dashes... rejoined),
 * 'lookalike' (digits, symbols, other scripts' look-alike letters or repeated
 * letters read as letters), 'hashtag' (inside a hashtag or camelCase word),
 * 'fuzzy' (one typo away from a long term),
 * 'emoji' (an emoji term).
 */
export const TRANSFORMS = ['exact', 'diacritics', 'traditional', 'separators', 'lookalike', 'hashtag', 'fuzzy', 'emoji'] as const;
export type Transform = (typeof TRANSFORMS)[number];

export interface Hit {
  entry: LexiconEntry;
  /** the lexicon term as written in the lexicon */
  term: string;
  /** language of the term in the lexicon */
  lang: string;
  /** field of the listing */
  field: string;
  /** span in the original field, in Unicode code points */
  start: number;
  end: number;
  /** span in the original field, in UTF-16 code units (JavaScript string indices) */
  start16: number;
  end16: number;
  /** the original text of the span */
  match: string;
  transform: Transform;
  /** entry weight times the transform factor */
  weight: number;
  /** for a benign or news hit right after a negation ("not resin"): the negation entry */
  negatedBy?: string;
  /** the role of its field; absent: 'item' */
  role?: FieldRole;
  /** for an entry with a `near` condition: the entry of the hit it is near */
  nearOf?: string;
}

export type Level = 'high' | 'medium' | 'low' | 'none';
export const LEVELS: readonly Level[] = ['none', 'low', 'medium', 'high'];
