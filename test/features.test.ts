import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_HASHING, hashedFeatures, tokens } from '../src/core/features.js';
import { normalizeText } from '../src/core/normalize.js';
import { fnv1a } from '../src/core/hash.js';

describe('tokens of normalized text', () => {
  it('splits words, reduces digit runs to their shape, and gives bigrams of scripts without spaces', () => {
    expect(tokens(normalizeText('Ngà VOI thật, c.1890 — 象牙雕 #IvoryCarving 1,2 kg'))).toEqual(['nga', 'voi', 'that', 'c', '#4', '象牙', '牙雕', 'ivorycarving', '#1', '#1', 'kg']);
    // the normalizer folds the tone mark away (ช้ -> ช), as it does for matching
    expect(tokens(normalizeText('ขายงาช้าง'))).toEqual(['ขา', 'าย', 'ยง', 'งา', 'าช', 'ชา', 'าง']);
    expect(tokens('象 and')).toEqual(['象', 'and']);
    expect(tokens('')).toEqual([]);
  });
});

describe('hashed features', () => {
  const small = { bits: 20, wordNgrams: [1, 2], charNgrams: [] as number[] };
  it('puts each word and word pair in the bucket of its hash, weighted log(1 + count), unit length', () => {
    const v = hashedFeatures('lot lot ivory', small);
    const mask = (1 << 20) - 1;
    const want = new Map<number, number>([
      [fnv1a('lot') & mask, Math.log1p(2)],
      [fnv1a('ivory') & mask, Math.log1p(1)],
      [fnv1a('lot lot') & mask, Math.log1p(1)],
      [fnv1a('lot ivory') & mask, Math.log1p(1)],
    ]);
    const norm = Math.sqrt([...want.values()].reduce((s, x) => s + x * x, 0));
    expect([...v.indices]).toEqual([...want.keys()].sort((a, b) => a - b));
    for (let k = 0; k < v.indices.length; k++) expect(v.values[k]).toBeCloseTo(want.get(v.indices[k]!)! / norm, 12);
  });
  it('adds character n-grams of letter words only', () => {
    const words = hashedFeatures('ivory', small);
    const withChars = hashedFeatures('ivory', { ...small, charNgrams: [3] });
    // " ivory " has 5 trigrams
    expect(withChars.indices.length).toBe(words.indices.length + 5);
    expect(hashedFeatures('1890', { ...small, charNgrams: [3] }).indices.length).toBe(1);
  });
  it('is deterministic, sorted, without repeats, of unit length, and within the buckets', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => {
      const text = normalizeText(s);
      const a = hashedFeatures(text, { ...DEFAULT_HASHING, bits: 10 });
      const b = hashedFeatures(text, { ...DEFAULT_HASHING, bits: 10 });
      expect(Buffer.from(a.values.buffer).equals(Buffer.from(b.values.buffer))).toBe(true);
      for (let k = 1; k < a.indices.length; k++) expect(a.indices[k]!).toBeGreaterThan(a.indices[k - 1]!);
      for (const i of a.indices) expect(i).toBeLessThan(1 << 10);
      const norm = a.values.reduce((s2, x) => s2 + x * x, 0);
      if (a.indices.length > 0) expect(norm).toBeCloseTo(1, 9);
      else expect(tokens(text)).toEqual([]);
    }));
  });
  it('does not let length alone decide: a text repeated ten times has nearly the same direction', () => {
    const one = hashedFeatures(normalizeText('Carved ivory bangle, old, hallmarked silver clasp'));
    const ten = hashedFeatures(normalizeText('Carved ivory bangle, old, hallmarked silver clasp. '.repeat(10)));
    const dot = (() => { let s = 0; const m = new Map([...one.indices].map((i, k) => [i, one.values[k]!])); ten.indices.forEach((i, k) => { s += (m.get(i) ?? 0) * ten.values[k]!; }); return s; })();
    expect(dot).toBeGreaterThan(0.95);
  });
});
