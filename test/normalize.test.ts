import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { charClass, CharClass, normalize, normalizeText } from '../src/core/normalize.js';

describe('normalize', () => {
  it.each([
    ['ＩＶＯＲＹ　Bangle', 'ivory bangle'],
    ['Ngà Voi  thật!!', 'nga voi that'],
    ['đồ rừng', 'do rung'],
    ['i\u200bvo\u00adry', 'ivory'],
    ['象牙，出售。', '象牙 出售'],
    ['  Rhino—Horn\t\n cup ', 'rhino horn cup'],
    ['Elfenbein-Straße', 'elfenbein strasse'],
    ['e\u0301le\u0300phant', 'elephant'],
    ['🐘\uFE0F ivory', '🐘 ivory'],
    ['price: $450', 'price $450'],
    ['\u202eevil\u202c text', 'evil text'],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('keeps diacritics when not folding', () => {
    expect(normalizeText('Ngà VOI', { fold: false })).toBe('ngà voi');
    expect(normalizeText('NGA\u0300 voi', { fold: false })).toBe('ngà voi');
  });

  it('maps every normalized character back to its source span', () => {
    const input = 'Ｎgà  voi—thật';
    const n = normalize(input);
    expect(n.text).toBe('nga voi that');
    // "voi" starts after the collapsed double space
    const i = n.text.indexOf('voi');
    expect(input.slice(n.starts[i]!, n.ends[i + 2]!)).toBe('voi');
    const j = n.text.indexOf('that');
    expect(input.slice(n.starts[j]!, n.ends[j + 3]!)).toBe('thật');
  });

  it('classifies characters for word boundaries', () => {
    expect(charClass('a'.charCodeAt(0))).toBe(CharClass.Letter);
    expect(charClass('7'.charCodeAt(0))).toBe(CharClass.Digit);
    expect(charClass('д'.charCodeAt(0))).toBe(CharClass.Letter);
    expect(charClass('象'.charCodeAt(0))).toBe(CharClass.NoSpace);
    expect(charClass('ช'.charCodeAt(0))).toBe(CharClass.NoSpace);
    expect(charClass(' '.charCodeAt(0))).toBe(CharClass.Other);
    expect(charClass('$'.charCodeAt(0))).toBe(CharClass.Other);
  });

  it('never throws, is idempotent, and maps inside the input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 60 }), (s) => {
        const n = normalize(s);
        expect(normalizeText(n.text)).toBe(n.text);
        expect(n.starts.length).toBe(n.text.length);
        for (let i = 0; i < n.text.length; i++) {
          expect(n.starts[i]).toBeGreaterThanOrEqual(0);
          expect(n.ends[i]).toBeLessThanOrEqual(s.length);
          expect(n.starts[i]).toBeLessThan(n.ends[i]!);
          if (i > 0) expect(n.starts[i]).toBeGreaterThanOrEqual(n.starts[i - 1]!);
        }
      }),
      { numRuns: 300 },
    );
  });
});
