/**
 * Each evasion transformation, in both directions: it must find the disguised
 * term, and it must not invent hits in ordinary text.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Matcher } from '../src/core/matcher.js';
import { entry, lexicon } from './helpers.js';

const lex = lexicon([
  entry('ivory', 'product', 'elephant_ivory', 2, { en: ['ivory', 'ivories'], zh: ['象牙'], vi: ['ngà voi'] }, { corroboration: 'required' }),
  entry('ivory.carving', 'product', 'elephant_ivory', 3, { en: ['ivory carving'], zh: ['象牙雕刻'], de: ['Elfenbeinschnitzerei'] }),
  entry('rhino', 'product', 'rhino_horn', 3, { en: ['rhino horn'], zh: ['犀牛角'], es: ['cuerno de rinoceronte', 'cuernos de rinoceronte'] }),
  entry('tiger.bone', 'product', 'tiger', 3, { en: ['tiger bone'] }),
  entry('shark', 'product', 'shark_fin', 3, { en: ['shark fin'] }),
  entry('bear', 'product', 'bear', 3, { zh: ['熊胆'], 'zh-Hant': ['熊膽'] }),
  entry('hornbill', 'product', 'hornbill', 3, { zh: ['鹤顶红'] }),
  entry('clam', 'product', 'giant_clam', 3, { zh: ['砗磲'] }),
  entry('pangolin', 'species', 'pangolin', 1, { en: ['pangolin'], fr: ['écailles de pangolin'] }, { corroboration: 'required' }),
  entry('tortoiseshell', 'product', 'hawksbill', 2, { en: ['tortoiseshell'] }, { corroboration: 'required' }),
  entry('thai.ivory', 'product', 'elephant_ivory', 3, { th: ['งาช้าง'] }, { diacritics: 'exact' }),
  entry('thai.sesame', 'product', 'elephant_ivory', 2, { th: ['งา'] }, { diacritics: 'exact', corroboration: 'product' }),
  entry('vi.nga', 'product', 'elephant_ivory', 2, { vi: ['ngà'] }, { diacritics: 'exact', corroboration: 'required' }),
  entry('emoji.elephant', 'species', 'elephant_ivory', 0.5, { any: ['🐘'] }, { corroboration: 'required' }),
  entry('emoji.tiger', 'species', 'tiger', 0.5, { any: ['🐯', '🐅'] }, { corroboration: 'required' }),
]);
const m = new Matcher([lex]);
const found = (text: string) => m.matchField('t', text).map((h) => `${h.entry.id}:${h.transform}`);
const ids = (text: string) => [...new Set(m.matchField('t', text).map((h) => h.entry.id))];

describe('1. Traditional and Simplified Chinese', () => {
  it.each([
    ['熊膽粉 出售', 'bear:exact'],
    ['熊胆粉 出售', 'bear:exact'],
    ['鶴頂紅 擺件', 'hornbill:traditional'],
    ['鹤顶红 摆件', 'hornbill:exact'],
    ['硨磲 手串', 'clam:traditional'],
  ])('%s finds %s', (text, hit) => expect(found(text)).toContain(hit));
  it('does not match other characters', () => {
    expect(ids('熊猫玩偶 鹤顶 砗')).toEqual([]);
  });
});

describe('2. separators inside words', () => {
  it.each([
    ['Real i.v.o.r.y tiles', 'ivory:separators'],
    ['i v o r y bangle', 'ivory:separators'],
    ['r-h-i-n-o h-o-r-n cup', 'rhino:separators'],
    ['i_v_o_r_y', 'ivory:separators'],
    ['i*v*o*r*y', 'ivory:separators'],
    ['i🐘v🐘o🐘r🐘y', 'ivory:separators'],
    ['出售象.牙手镯', 'ivory:separators'],
    ['犀 牛 角 杯', 'rhino:separators'],
    ['犀-牛-角', 'rhino:separators'],
  ])('%s finds %s', (text, hit) => expect(found(text)).toContain(hit));
  it.each([
    ['a b c d e f g'],
    ['I a m here, u r 2 good'],
    ['size S M L XL, 1 2 3 4 5'],
    ['大象。牙刷两支'],
    ['犀/牛/角 三个字'],
  ])('ordinary text %s gives no hits', (text) => expect(ids(text)).toEqual([]));
});

describe('3. look-alike characters', () => {
  it.each([
    ['Hand carved 1v0ry figurine', 'ivory:lookalike'],
    ['ng4 voi that', 'ivory:lookalike'],
    ['rh1n0 h0rn', 'rhino:lookalike'],
    ['$hark fin soup', 'shark:lookalike'],
    ['tig3r b0ne glue', 'tiger.bone:lookalike'],
    ['\u0456vory bangle', 'ivory:lookalike'],
    ['\u0410ntique \u0456v\u043Ery netsuke', 'ivory:lookalike'],
    ['ivoooory bangle', 'ivory:lookalike'],
    ['\u03B9vory', 'ivory:lookalike'],
  ])('%s finds %s', (text, hit) => expect(found(text)).toContain(hit));
  it.each([
    ['Call 0812 3456 7890, price $1,500, size 10x20cm, 5kg, iPhone 13'],
    ['Москва, привет, ночь'],
    ['Good wood, cool pool, 100 balloons'],
  ])('ordinary text %s gives no hits', (text) => expect(ids(text)).toEqual([]));
  it('reads digits as letters only in a word whose every digit has a reading: "1890s" is a decade', () => {
    const m2 = new Matcher([lexicon([entry('ib', 'trade_signal', 'any', 1, { vi: ['ib'] })])]);
    expect(m2.matchField('t', 'hallmarked, 1890s').map((h) => h.entry.id)).toEqual([]);
    expect(m2.matchField('t', 'ib nhé, 18 hoặc 1b').map((h) => h.transform)).toEqual(['exact', 'lookalike']);
  });
});

describe('4. invisible and formatting characters', () => {
  it.each([
    ['iv\u200bory', 'ivory:exact'],
    ['iv\u00adory', 'ivory:exact'],
    ['\u202eivory\u202c', 'ivory:exact'],
    ['ivory\ufe0f', 'ivory:exact'],
    ['象\u200d牙', 'ivory:exact'],
    ['i\u0301vory', 'ivory:diacritics'],
  ])('%j finds %s', (text, hit) => expect(found(text)).toContain(hit));
});

describe('5. Vietnamese and Thai', () => {
  it.each([
    ['Vòng ngà voi thật', 'ivory:exact'],
    ['Vong nga voi that', 'ivory:diacritics'],
    ['Vòng nga vòi', 'ivory:diacritics'],
    ['vòng ngà', 'vi.nga:exact'],
    ['ขายกำไลงาช้างแท้ราคาถูก', 'thai.ivory:exact'],
  ])('%s finds %s', (text, hit) => expect(found(text)).toContain(hit));
  it('does not take Nga (Russia) for ngà (ivory)', () => {
    expect(ids('Du lịch Nga và Trung Quốc')).toEqual([]);
  });
  it('needs corroboration for งา, which also means sesame', () => {
    expect(ids('งาดำคั่ว 1 กก.')).toEqual(['thai.sesame']);
    // the hit exists but counts only with another ivory entry: see the scorer tests
  });
});

describe('6. hashtags and run-together words', () => {
  it.each([
    ['#ivorycarving for sale', 'ivory.carving:hashtag'],
    ['#RhinoHorn', 'rhino:hashtag'],
    ['RhinoHorn cups', 'rhino:hashtag'],
    ['#象牙雕刻', 'ivory.carving:exact'],
  ])('%s finds %s', (text, hit) => expect(found(text)).toContain(hit));
  it.each([['rhinohornbill'], ['oxbone sofa'], ['#ivo'], ['#art #rhinoceros']])('%s gives no rhino horn or ivory carving hit', (text) => {
    expect(ids(text).filter((x) => x === 'rhino' || x === 'ivory.carving')).toEqual([]);
  });
});

describe('7. inflection through explicit variants', () => {
  it.each([
    ['carved ivories', 'ivory:exact'],
    ['cuernos de rinoceronte', 'rhino:exact'],
    ['écailles de pangolin', 'pangolin:exact'],
    ['alte Elfenbeinschnitzerei', 'ivory.carving:exact'],
  ])('%s finds %s', (text, hit) => expect(found(text)).toContain(hit));
});

describe('8. emoji', () => {
  it('counts emoji as weak species signals', () => {
    expect(found('🐘🐘 bangle')).toContain('emoji.elephant:emoji');
    expect(found('🐅')).toEqual(['emoji.tiger:emoji']);
    expect(found('🐶 🐱 🦄')).toEqual([]);
  });
});

describe('9. misspellings', () => {
  it.each([
    ['tortiseshell comb', 'tortoiseshell:fuzzy'],
    ['pnagolin', 'pangolin:fuzzy'],
    ['tortoiseshel', 'tortoiseshell:fuzzy'],
    ['pangolins', 'pangolin:fuzzy'],
  ])('%s finds %s', (text, hit) => expect(found(text)).toContain(hit));
  it.each([['tortoise shell'], ['pagolines'], ['ivor'], ['pangolinas'], ['tortoiseshelves']])('%s is not a fuzzy hit', (text) => {
    expect(found(text).filter((x) => x.endsWith(':fuzzy'))).toEqual([]);
  });
  it('weighs fuzzy hits less', () => {
    const h = m.matchField('t', 'tortiseshell')[0]!;
    expect(h.weight).toBeCloseTo(2 * 0.7, 9);
  });
});

describe('spans (property)', () => {
  const pieces = fc.constantFrom('ivory', 'i.v.o.r.y', '1v0ry', '\u0456vory', '象.牙', '犀牛角', 'ngà voi', 'nga voi', '🐘', '#RhinoHorn', ' ', ', ', '\u200b', 'x', '7', 'e\u0301', '熊膽', 'tortiseshell', '$hark fin');
  it('every hit span lies inside the original text and covers the matched characters', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 5 })), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        for (const h of m.matchField('t', text)) {
          expect(h.start16).toBeGreaterThanOrEqual(0);
          expect(h.end16).toBeLessThanOrEqual(text.length);
          expect(h.start16).toBeLessThan(h.end16);
          expect(text.slice(h.start16, h.end16)).toBe(h.match);
          expect(Array.from(text).slice(h.start, h.end).join('')).toBe(h.match);
          // the span starts and ends on characters that are part of the match, not separators
          expect(h.match.trim()).toBe(h.match);
        }
      }),
      { numRuns: 500 },
    );
  });
});
