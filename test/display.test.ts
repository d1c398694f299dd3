/**
 * core/display.ts: control characters of scraped text shown as escapes, and
 * text cut and padded by terminal columns (CJK and emoji 2, combining marks 0).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cells, cut, displayWidth, fit, loadDisplayWidths, padEndTo, printable } from '../src/core/display.js';

await loadDisplayWidths();

/** C0, DEL, C1 and the bidi embedding/override/isolate controls. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('printable', () => {
  it('shows C0, DEL and C1 controls as \\xHH and bidi controls as \\uHHHH', () => {
    expect(printable('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(printable('\u001b]0;pwned\u0007')).toBe('\\x1b]0;pwned\\x07');
    expect(printable('x\u009b31m')).toBe('x\\x9b31m');
    expect(printable('\r\b\u0000\u007f\u0085')).toBe('\\x0d\\x08\\x00\\x7f\\x85');
    expect(printable('a\nb\tc')).toBe('a\\x0ab\\x09c');
    expect(printable('\u202egnirts\u202c \u2066iso\u2069 \u202a\u202b\u202d\u2067\u2068')).toBe('\\u202egnirts\\u202c \\u2066iso\\u2069 \\u202a\\u202b\\u202d\\u2067\\u2068');
  });

  it('keeps the characters asked for (new lines of a multi-line message)', () => {
    expect(printable('line 1\nline\t2\r', '\n')).toBe('line 1\nline\\x092\\x0d');
    expect(printable('a\nb\tc', '\n\t')).toBe('a\nb\tc');
  });

  it('leaves other text alone: letters of every script, emoji, zero-width joiners, marks, backslashes', () => {
    for (const s of ['ngà voi', '象牙 犀牛角', 'Vòng đồi mồi 🐢', '👩‍👩‍👧', 'e\u0301', 'a\u200db', 'C:\\x1b', 'عاج الفيل', '\u00a0\u00ad']) expect(printable(s)).toBe(s);
  });

  it('never lets a control through, and changes nothing in text without one (property)', () => {
    const anyText = fc.string({ unit: 'binary', maxLength: 60 });
    fc.assert(fc.property(anyText, (s) => !UNSAFE.test(printable(s))), { numRuns: 2000 });
    // text of full Unicode with the controls mixed in often
    const mixed = fc.array(fc.oneof(fc.constantFrom('\u001b', '\u009b', '\u0007', '\r', '\b', '\n', '\u202e', '\u2066', '\u0000', '\u007f'), fc.string({ unit: 'grapheme', maxLength: 4 })), { maxLength: 20 }).map((a) => a.join(''));
    fc.assert(fc.property(mixed, (s) => !UNSAFE.test(printable(s)) && !UNSAFE.test(printable(s, '\n').replace(/\n/g, ''))), { numRuns: 2000 });
    const clean = anyText.filter((s) => !UNSAFE.test(s));
    fc.assert(fc.property(clean, (s) => printable(s) === s), { numRuns: 2000 });
  });
});

describe('display width', () => {
  it('counts East Asian wide characters and emoji 2, combining marks 0, colour codes 0', () => {
    expect(displayWidth('ivory')).toBe(5);
    expect(displayWidth('象牙')).toBe(4);
    expect(displayWidth('🐢')).toBe(2);
    expect(displayWidth('👩‍👩‍👧')).toBe(2);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('ngà voi')).toBe(7);
    expect(displayWidth('\u001b[1m象\u001b[22m')).toBe(2);
  });

  it('cells are grapheme clusters with their code point offsets; controls are cells of their own, escaped', () => {
    const cs = cells('a🐢e\u0301\u001b象');
    expect(cs.map((c) => c.text)).toEqual(['a', '🐢', 'e\u0301', '\\x1b', '象']);
    expect(cs.map((c) => c.start)).toEqual([0, 1, 2, 4, 5]);
    expect(cs.map((c) => c.width)).toEqual([1, 2, 1, 4, 2]);
  });

  it('cells are the clusters Intl.Segmenter finds in the whole text, whatever ASCII is mixed in (property)', () => {
    const seg = new Intl.Segmenter();
    const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 3 }), fc.string({ maxLength: 3 }), fc.constantFrom('\u0301', '\u200d', '\ufe0f', '\u20e3', '\u0600', '\r\n', '🇻', '🇳', '\u1100', '\u1161', '\u001b'));
    const text = fc.array(piece, { maxLength: 12 }).map((a) => a.join(''));
    fc.assert(fc.property(text, (s) => {
      const want = [...seg.segment(s)].map((x) => ({ text: printable(x.segment), start: Array.from(s.slice(0, x.index)).length }));
      expect(cells(s).map(({ text: t, start }) => ({ text: t, start }))).toEqual(want);
    }), { numRuns: 1000 });
  });

  it('cuts by columns at grapheme boundaries, with an ellipsis inside the width, and pads to the width', () => {
    expect(cut('elephant_ivory,mammoth_ivory', 12)).toBe('elephant_iv…');
    expect(cut('象牙象牙象牙', 7)).toBe('象牙象…');
    expect(cut('🐘🐘🐘', 4)).toBe('🐘…');
    expect(cut('e\u0301e\u0301e\u0301e\u0301', 3)).toBe('e\u0301e\u0301…');
    expect(cut('a\u001bb', 12)).toBe('a\\x1bb');
    expect(cut('short', 12)).toBe('short');
    expect(fit('象牙', 6)).toBe('象牙  ');
    expect(fit('a\u202eb', 4)).toBe('a\\u…');
    expect(padEndTo('象', 4)).toBe('象  ');
    const words = fc.string({ unit: 'grapheme', maxLength: 30 });
    fc.assert(fc.property(words, fc.integer({ min: 1, max: 40 }), (s, w) => displayWidth(fit(s, w)) === w && !UNSAFE.test(fit(s, w))), { numRuns: 1000 });
  });
});
