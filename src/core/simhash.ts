/**
 * 64-bit SimHash of a listing's text, for near-duplicate grouping: reposts,
 * bumped ads and the same text on several platforms hash to values a few bits
 * apart. Features are the first 64 distinct normalized words, leaving out words
 * with digits. Pure.
 */
import { fnv1a } from './hash.js';
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

/** [high 32 bits, low 32 bits]; [0, 0] for a text without words. */
export function simhash(text: string): [number, number] {
  // words with digits (prices, dates, phone numbers) change between reposts of one ad: left out
  const words = normalizeText(text).split(' ');
  const v = new Int32Array(64);
  const seen = new Set<string>();
  for (const w of words) {
    if (w.length === 0 || seen.has(w) || /[0-9]/.test(w)) continue;
    seen.add(w);
    const lo = fnv1a(w);
    const hi = fmix(lo ^ 0x9747b28c);
    for (let b = 0; b < 32; b++) {
      v[b]! += ((lo >>> b) & 1) * 2 - 1;
      v[32 + b]! += ((hi >>> b) & 1) * 2 - 1;
    }
    if (seen.size === MAX_FEATURES) break;
  }
  if (seen.size === 0) return [0, 0];
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (v[b]! > 0) lo |= 1 << b;
    if (v[32 + b]! > 0) hi |= 1 << b;
  }
  return [hi >>> 0, lo >>> 0];
}

function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function hamming(a: readonly [number, number], b: readonly [number, number]): number {
  return popcount((a[0] ^ b[0]) >>> 0) + popcount((a[1] ^ b[1]) >>> 0);
}
