import { describe, expect, it } from 'vitest';
import { Matcher, MAX_HITS_PER_ENTRY } from '../src/core/matcher.js';
import { entry, lexicon } from './helpers.js';

const lex = lexicon([
  entry('ivory.name', 'product', 'elephant_ivory', 3, { en: ['elephant ivory'], zh: ['象牙'], vi: ['ngà voi'] }),
  entry('ivory.word', 'product', 'elephant_ivory', 2, { en: ['ivory'] }, { corroboration: 'required' }),
  entry('tiger.word', 'species', 'tiger', 1, { en: ['tiger'] }, { corroboration: 'required' }),
  entry('code.oxbone', 'code_word', 'elephant_ivory', 2, { en: ['ox bone'] }),
  entry('rhino.name', 'product', 'rhino_horn', 3, { en: ['rhino horn'], zh: ['犀牛角'] }),
  entry('vi.nga-exact', 'product', 'elephant_ivory', 2, { vi: ['ngà'] }, { diacritics: 'exact' }),
  entry('emoji.elephant', 'species', 'elephant_ivory', 0.5, { any: ['🐘'] }),
]);
const m = new Matcher([lex]);
const ids = (text: string) => m.matchField('t', text).map((h) => h.entry.id);

describe('Matcher', () => {
  it('respects word boundaries in Latin text', () => {
    expect(ids('tigerish stripes')).toEqual([]);
    expect(ids('a real tiger claw')).toEqual(['tiger.word']);
    expect(ids('box bone')).toEqual([]);
    expect(ids('carved ox bone')).toEqual(['code.oxbone']);
  });

  it('matches CJK as substrings', () => {
    expect(ids('出售象牙手镯')).toEqual(['ivory.name']);
    expect(ids('正品犀牛角杯')).toEqual(['rhino.name']);
  });

  it('matches multiword terms across punctuation and space runs', () => {
    expect(ids('RHINO-HORN cup')).toEqual(['rhino.name']);
    expect(ids('rhino  ...  horn')).toEqual(['rhino.name']);
  });

  it('matches Vietnamese with and without diacritics and records how', () => {
    const exact = m.matchField('title', 'Vòng ngà voi thật');
    const folded = m.matchField('title', 'Vong nga voi that');
    expect(exact.filter((h) => h.entry.id === 'ivory.name')[0]?.transform).toBe('exact');
    expect(folded.filter((h) => h.entry.id === 'ivory.name')[0]?.transform).toBe('diacritics');
    expect(folded.filter((h) => h.entry.id === 'ivory.name')[0]!.weight).toBeLessThan(3);
  });

  it('honours diacritics: exact', () => {
    expect(ids('Nga và Trung Quốc')).toEqual([]);
    expect(ids('vòng ngà')).toEqual(['vi.nga-exact']);
  });

  it('reports spans in the original text, in code points', () => {
    const text = '🐘🐘 Ｅｌｅｐｈａｎｔ ivory bangle';
    const hits = m.matchField('description', text);
    const h = hits.find((x) => x.entry.id === 'ivory.name')!;
    expect(h.match).toBe('Ｅｌｅｐｈａｎｔ ivory');
    expect(Array.from(text).slice(h.start, h.end).join('')).toBe('Ｅｌｅｐｈａｎｔ ivory');
    expect(text.slice(h.start16, h.end16)).toBe('Ｅｌｅｐｈａｎｔ ivory');
    expect(h.field).toBe('description');
    expect(hits.filter((x) => x.entry.id === 'emoji.elephant').map((x) => [x.start, x.end])).toEqual([[0, 1], [1, 2]]);
  });

  it('keeps at most MAX_HITS_PER_ENTRY hits of an entry in one field, the first in text order, and counts the rest', () => {
    const n = MAX_HITS_PER_ENTRY + 37;
    const text = 'rhino horn, tiger. '.repeat(n);
    const tally = { notKept: 0 };
    const hits = m.matchField('t', text, undefined, tally);
    const of = (id: string) => hits.filter((h) => h.entry.id === id);
    expect(of('rhino.name')).toHaveLength(MAX_HITS_PER_ENTRY);
    expect(of('tiger.word')).toHaveLength(MAX_HITS_PER_ENTRY);
    expect(tally.notKept).toBe(2 * 37);
    const step = 'rhino horn, tiger. '.length;
    expect(of('rhino.name').map((h) => h.start16)).toEqual(Array.from({ length: MAX_HITS_PER_ENTRY }, (_, i) => i * step));
    // an entry seen fewer times keeps all its hits although the field has more than the bound in all
    const mixed = m.matchField('t', `${text} elephant ivory`, undefined, { notKept: 0 });
    expect(mixed.filter((h) => h.entry.id === 'ivory.name')).toHaveLength(1);
    // the bound is per field
    const tally2 = { notKept: 0 };
    const two = m.match([{ name: 'a', text }, { name: 'b', text }], undefined, tally2);
    expect(two.filter((h) => h.entry.id === 'rhino.name' && h.field === 'b')).toHaveLength(MAX_HITS_PER_ENTRY);
    expect(tally2.notKept).toBe(4 * 37);
    // below the bound nothing is left out
    const under = { notKept: 0 };
    expect(m.matchField('t', 'rhino horn '.repeat(MAX_HITS_PER_ENTRY), undefined, under)).toHaveLength(MAX_HITS_PER_ENTRY);
    expect(under.notKept).toBe(0);
  });
});
