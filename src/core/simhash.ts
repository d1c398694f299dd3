/**
 * 64-bit SimHash of a listing's text, for near-duplicate grouping: reposts,
 * bumped ads and the same text on several platforms hash to values a few bits
 * apart. Features are the first 64 distinct normalized words, leaving out words
 * with digits. Pure.
 */
import { normalizeText } from './normalize.js';

/** murmur3's finalizer: a second, independent-looking 32 bits from the first. */
function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** At most this many distinct words count: reposts share their beginning, and the cost stays bounded. */
const MAX_FEATURES = 64;

/**
 * Adds one 32-bit word to bit-sliced counters (planes[k] holds bit k of each
 * of the 32 per-bit counts): a ripple-carry add, a few operations a word
 * instead of 32 separate counts (7 planes count up to 127 features).
 */
function addVertical(planes: Int32Array, x: number): void {
  let carry = x | 0;
  for (let k = 0; carry !== 0 && k < planes.length; k++) {
    const t = planes[k]! & carry;
    planes[k] = planes[k]! ^ carry;
    carry = t;
  }
}

/** The bits whose count is more than half of n: where +1/-1 sums are positive. */
function majority(planes: Int32Array, n: number): number {
  let out = 0;
  for (let b = 0; b < 32; b++) {
    let count = 0;
    for (let k = 0; k < planes.length; k++) count |= ((planes[k]! >>> b) & 1) << k;
    if (2 * count > n) out |= 1 << b;
  }
  return out >>> 0;
}

/**
 * SimHash of texts already normalized (normalizeText, or the matcher's
 * normalized fields: the words of the fields in order are those of the fields
 * joined by a line break). [high 32 bits, low 32 bits]; [0, 0] without words.
 */
export function simhashNormalized(texts: readonly string[]): [number, number] {
  const lo = new Int32Array(7);
  const hi = new Int32Array(7);
  // distinct words by an open-addressed table of (hash, text, start, length)
  // over the texts, not a Set of sliced strings (those were 6% of the bytes
  // allocated scoring the bench rows)
  SLOTS.fill(-1, 0, TABLE);
  let n = 0;
  outer: for (let ti = 0; ti < texts.length; ti++) {
    const t = texts[ti]!;
    for (let i = 0; i < t.length;) {
      let j = t.indexOf(' ', i);
      if (j < 0) j = t.length;
      if (j > i) {
        // words with digits (prices, dates, phone numbers) change between reposts of one ad: left out
        let digit = false;
        let h = 0x811c9dc5;
        for (let k = i; k < j; k++) {
          const c = t.charCodeAt(k);
          if (c >= 0x30 && c <= 0x39) { digit = true; break; }
          h = Math.imul(h ^ c, 0x01000193) >>> 0;
        }
        if (!digit && !seenBefore(texts, ti, i, j, h)) {
          addVertical(lo, h);
          addVertical(hi, fmix(h ^ 0x9747b28c));
          if (++n === MAX_FEATURES) break outer;
        }
      }
      i = j + 1;
    }
  }
  if (n === 0) return [0, 0];
  return [majority(hi, n), majority(lo, n)];
}

/** Slots of the distinct-word table (a power of two, twice MAX_FEATURES). */
const TABLE = 2 * MAX_FEATURES;
/** Scratch of the table, reused by every call (one thread runs one call at a time): per slot, text index (-1: free), hash, start, length. */
const SLOTS = new Int32Array(TABLE);
const HASHES = new Int32Array(TABLE);
const STARTS = new Int32Array(TABLE);
const LENGTHS = new Int32Array(TABLE);

/** Whether texts[ti][i, j) is a word already in the table; adds it when not. */
function seenBefore(texts: readonly string[], ti: number, i: number, j: number, h: number): boolean {
  const t = texts[ti]!;
  const len = j - i;
  for (let slot = h & (TABLE - 1); ; slot = (slot + 1) & (TABLE - 1)) {
    const other = SLOTS[slot]!;
    if (other < 0) {
      SLOTS[slot] = ti;
      HASHES[slot] = h;
      STARTS[slot] = i;
      LENGTHS[slot] = len;
      return false;
    }
    if (HASHES[slot] !== (h | 0) || LENGTHS[slot] !== len) continue;
    const u = texts[other]!;
    const from = STARTS[slot]!;
    let same = true;
    for (let k = 0; k < len && same; k++) same = t.charCodeAt(i + k) === u.charCodeAt(from + k);
    if (same) return true;
  }
}

/** [high 32 bits, low 32 bits]; [0, 0] for a text without words. */
export function simhash(text: string): [number, number] {
  return simhashNormalized([normalizeText(text)]);
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function hamming(a: readonly [number, number], b: readonly [number, number]): number {
  return popcount((a[0] ^ b[0]) >>> 0) + popcount((a[1] ^ b[1]) >>> 0);
}
