/**
 * 64-bit SimHash of a listing's text, for near-duplicate grouping: reposts,
 * bumped ads and the same text on several platforms hash to values a few bits
 * apart. Features are the normalized words and word pairs, leaving out words
 * with digits. Pure.
 */
import { fnv1a } from './hash.js';
import { normalizeText } from './normalize.js';

/** [high 32 bits, low 32 bits]; [0, 0] for a text without words. */
export function simhash(text: string): [number, number] {
  // words with digits (prices, dates, phone numbers) change between reposts of one ad: left out
  const words = normalizeText(text).split(' ').filter((w) => w.length > 0 && !/[0-9]/.test(w));
  if (words.length === 0) return [0, 0];
  const v = new Int32Array(64);
  const add = (feature: string) => {
    const hi = fnv1a(feature, 0x811c9dc5);
    const lo = fnv1a(feature, 0x9747b28c);
    for (let b = 0; b < 32; b++) {
      v[b] = v[b]! + ((hi >>> b) & 1 ? 1 : -1);
      v[32 + b] = v[32 + b]! + ((lo >>> b) & 1 ? 1 : -1);
    }
  };
  for (let i = 0; i < words.length; i++) {
    add(words[i]!);
    if (i + 1 < words.length) add(`${words[i]} ${words[i + 1]}`);
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (v[b]! > 0) hi |= 1 << b;
    if (v[32 + b]! > 0) lo |= 1 << b;
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
