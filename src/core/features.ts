/**
 * Hashed text features for learned models (`wildsift train`):
 * word unigrams and bigrams and character n-grams of the normalized text,
 * hashed into 2^bits buckets, weighted log(1 + count) and scaled to unit
 * length, so that a long article does not outweigh a short ad by its length
 * alone. Pure.
 *
 * Tokens follow the matcher's word boundaries (normalize.ts charClass):
 * - a run of letters is a word ("ivory", "hallmarked");
 * - a run of digits is its shape, "#" and its length ("1890" -> "#4"), so
 *   that years, prices and weights generalize beyond the numbers seen;
 * - scripts written without spaces (Chinese, Japanese, Thai...) give their
 *   character bigrams ("象牙雕" -> "象牙", "牙雕"), the usual unit for them,
 *   or the character itself when it stands alone.
 * Character n-grams (3 to 5, of " word ") are taken of letter words only:
 * they catch inflections and spellings no lexicon lists ("carvings",
 * "antiq"); bigrams already cover the scripts without spaces.
 */
import { CharClass, charClass } from './normalize.js';
import { fnv1a } from './hash.js';

export interface HashingOptions {
  /** buckets: 2^bits (default 18) */
  bits: number;
  /** word n-gram sizes (default 1 and 2) */
  wordNgrams: readonly number[];
  /** character n-gram sizes of letter words (default 3 to 5); empty: none */
  charNgrams: readonly number[];
}

export const DEFAULT_HASHING: HashingOptions = { bits: 18, wordNgrams: [1, 2], charNgrams: [3, 4, 5] };

/** A sparse vector: indices ascending, without repeats. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float64Array;
}

// one hash seed per feature family, so a word and a character n-gram of the same letters do not share a bucket
const SEED_WORD = 0x811c9dc5;
const SEED_CHAR = 0x2545f491;

/** The tokens of normalized text, in order. */
export function tokens(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const cls = charClass(text.charCodeAt(i));
    if (cls === CharClass.Other) { i++; continue; }
    let j = i + 1;
    while (j < text.length && charClass(text.charCodeAt(j)) === cls) j++;
    const run = text.slice(i, j);
    if (cls === CharClass.Letter) out.push(run);
    else if (cls === CharClass.Digit) out.push(`#${run.length}`);
    else {
      const chars = Array.from(run);
      if (chars.length === 1) out.push(chars[0]!);
      for (let k = 0; k + 1 < chars.length; k++) out.push(chars[k]! + chars[k + 1]!);
    }
    i = j;
  }
  return out;
}

/** An n-gram as explanations show it: word "hallmarked", char " iv" */
const ngramName = (key: string, seed: number): string => `${seed === SEED_WORD ? 'word' : 'char'} ${JSON.stringify(key)}`;

/** A key recorded by hashedFeatures, as explanations show it (formatted only when shown: scoring records keys for every bucket). */
export const ngramLabel = (recorded: string): string => ngramName(recorded.slice(1), recorded[0] === 'w' ? SEED_WORD : SEED_CHAR);

/** Calls `add(key, seed)` for every n-gram of normalized text, in a fixed order. */
function eachNgram(text: string, o: HashingOptions, add: (key: string, seed: number) => void): void {
  const toks = tokens(text);
  for (const n of o.wordNgrams) {
    for (let i = 0; i + n <= toks.length; i++) add(n === 1 ? toks[i]! : toks.slice(i, i + n).join(' '), SEED_WORD);
  }
  if (o.charNgrams.length > 0) {
    for (const t of toks) {
      if (t.startsWith('#') || charClass(t.charCodeAt(0)) !== CharClass.Letter) continue;
      const padded = ` ${t} `;
      for (const n of o.charNgrams) for (let i = 0; i + n <= padded.length; i++) add(padded.slice(i, i + n), SEED_CHAR);
    }
  }
}

/**
 * The hashed feature vector of normalized text (empty text: the empty
 * vector). With `keys`, each bucket's first n-gram is recorded there
 * (ngramLabel names it as featureNames does).
 */
export function hashedFeatures(text: string, o: HashingOptions = DEFAULT_HASHING, keys?: Map<number, string>): SparseVector {
  const mask = (1 << o.bits) - 1;
  const counts = new Map<number, number>();
  eachNgram(text, o, (key, seed) => {
    const h = fnv1a(key, seed) & mask;
    const n = counts.get(h);
    counts.set(h, (n ?? 0) + 1);
    if (keys !== undefined && n === undefined) keys.set(h, (seed === SEED_WORD ? 'w' : 'c') + key);
  });
  const indices = Uint32Array.from([...counts.keys()].sort((a, b) => a - b));
  const values = new Float64Array(indices.length);
  let norm = 0;
  for (let k = 0; k < indices.length; k++) {
    const v = Math.log1p(counts.get(indices[k]!)!);
    values[k] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (let k = 0; k < values.length; k++) values[k]! /= norm;
  return { indices, values };
}

/**
 * The n-grams behind each bucket of hashedFeatures(text), for explanations:
 * word "hallmarked", word "#4 ivory", char " iv" (a word or character n-gram;
 * several when they share a bucket).
 */
export function featureNames(text: string, o: HashingOptions = DEFAULT_HASHING): Map<number, string[]> {
  const mask = (1 << o.bits) - 1;
  const names = new Map<number, string[]>();
  eachNgram(text, o, (key, seed) => {
    const h = fnv1a(key, seed) & mask;
    const name = ngramName(key, seed);
    const l = names.get(h);
    if (l === undefined) names.set(h, [name]);
    else if (!l.includes(name)) l.push(name);
  });
  return names;
}
