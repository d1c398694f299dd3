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

describe('signs of evasion (Normalized.suspicious)', () => {
  it.each([
    ['Hand carved 1v0ry'],
    ['$hark fin'],
    ['ivoooory'],
    ['i v o r y'],
    ['象.牙'],
    ['\u0456vory'],
    ['i🐘v🐘o🐘r🐘y'],
    ['#ivorycarving'],
    ['RhinoHorn cup'],
  ])('%s is worth a second look', (s) => expect(normalize(s).suspicious).toBe(true));
  it.each([
    ['Mountain bike, 21 gears, good condition, $ 300'],
    ['Vòng tay ngà voi thật, giá 3 triệu'],
    ['九成新，无划痕。同城自提。'],
    ['Coffee, 2 kg bags, free delivery'],
    ['I am a b'],
  ])('%s is not', (s) => expect(normalize(s).suspicious).toBe(false));
});

describe('ASCII spans (the matcher reads their exact form off the normalized text)', () => {
  it('normalizing an ASCII span alone, with any folding, gives the normalized text of that span', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary-ascii', maxLength: 80 }), fc.nat(), fc.nat(), (text, a, b) => {
      const n = normalize(text);
      if (n.text.length === 0) return;
      let s = a % n.text.length;
      let e = s + 1 + (b % (n.text.length - s));
      // the matcher's spans start and end on a non-space character
      while (s < e && n.text[s] === ' ') s++;
      while (e > s && n.text[e - 1] === ' ') e--;
      if (s >= e) return;
      const slice = text.slice(n.starts[s]!, n.ends[e - 1]!);
      for (const fold of [false, 'diacritics', true] as const) expect(normalizeText(slice, { fold })).toBe(n.text.slice(s, e));
    }), { numRuns: 2000 });
  });
});
