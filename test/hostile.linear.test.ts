/**
 * Hostile listings: scoring is linear (n log n) in the number of hits. Work is
 * counted, never timed: property reads on proxied hits for scoreHits and the
 * negation pass, and Matcher.overlapSteps for the overlap checks of matching
 * passes 2 and 3. Pairwise comparison made the work grow 16 times at 4 times
 * the hits; these tests allow at most 8.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matcher, markNegated, MAX_HITS_PER_ENTRY, NEGATION_REACH } from '../src/core/matcher.js';
import { scoreHits } from '../src/core/score.js';
import { Scorer } from '../src/core/scorer.js';
import { EVIDENCE_KINDS, type Hit, type Kind, type LexiconEntry } from '../src/core/types.js';
import { loadLexicons } from '../src/lexicon/load.js';
import { entry } from './helpers.js';

const E = {
  ivory: entry('ivory.word', 'product', 'elephant_ivory', 2, { en: ['ivory'] }, { corroboration: 'required' }),
  name: entry('ivory.name', 'product', 'elephant_ivory', 3, { en: ['elephant ivory'] }),
  rhino: entry('rhino.name', 'species', 'rhino_horn', 2, { en: ['rhino'] }),
  bangle: entry('form.bangle', 'product_form', 'any', 1, { en: ['bangle'] }),
  sale: entry('trade.sale', 'trade_signal', 'any', 1, { en: ['for sale'] }),
  resin: entry('benign.resin', 'benign', 'any', -2.5, { en: ['resin'] }),
  seized: entry('news.seized', 'news', 'any', -2, { en: ['seized'] }),
  not: entry('negation.not', 'negation', 'any', 0, { en: ['not'] }),
};

function hit(e: LexiconEntry, start: number, end: number, field = 'text'): Hit {
  return { entry: e, term: 't', lang: 'en', field, start, end, start16: start, end16: end, match: 'x'.repeat(end - start), transform: 'exact', weight: e.weight };
}

/** The hits behind proxies that count every property read. */
function counted(hits: Hit[]): { hits: Hit[]; reads: () => number } {
  let reads = 0;
  const handler: ProxyHandler<Hit> = { get(t, p, r) { reads++; return Reflect.get(t, p, r); } };
  return { hits: hits.map((h) => new Proxy(h, handler)), reads: () => reads };
}

/** Hits of "ivory bangle not resin. " repeated n times (24 characters each). */
const UNIT = 'ivory bangle not resin. ';
function repeated(n: number): Hit[] {
  const out: Hit[] = [];
  for (let k = 0; k < n; k++) {
    const o = UNIT.length * k;
    out.push(hit(E.ivory, o, o + 5), hit(E.bangle, o + 6, o + 12), hit(E.not, o + 13, o + 16), hit(E.resin, o + 17, o + 22));
  }
  return out;
}

/** Work at 4n over work at n. */
function growth(work: (n: number) => number, n: number): number {
  return work(4 * n) / work(n);
}

describe('scoring is linear in the hits', () => {
  it('scoreHits reads hits about n log n times', () => {
    const work = (n: number) => {
      const c = counted(repeated(n));
      const r = scoreHits(c.hits);
      expect(r.hits.filter((h) => h.status === 'repeat').length).toBe(3 * (n - 1));
      return c.reads();
    };
    expect(growth(work, 300)).toBeLessThan(8);
  });

  it('the negation pass reads hits about n log n times', () => {
    const work = (n: number) => {
      const c = counted(repeated(n));
      markNegated(UNIT.repeat(n), c.hits);
      expect(c.hits.filter((h) => h.negatedBy === 'negation.not').length).toBe(n);
      return c.reads();
    };
    expect(growth(work, 300)).toBeLessThan(8);
  });

  // without the bound on hits kept per entry (MAX_HITS_PER_ENTRY), which would keep these texts' hits from growing
  const matcher = new Matcher(loadLexicons(), undefined, { maxHitsPerEntry: Infinity });
  it.each([
    ['separators and look-alikes (pass 2)', 'i.v.o.r.y b4ngle '],
    ['typos (pass 3)', 'tortoiseshel pangolinn '],
  ])('overlap checks of %s look at each earlier hit a bounded number of times', (_name, unit) => {
    const work = (n: number) => {
      Matcher.overlapSteps = 0;
      const hits = matcher.matchField('text', unit.repeat(n));
      expect(hits.length).toBeGreaterThanOrEqual(2 * n);
      expect(Matcher.overlapSteps).toBeLessThanOrEqual(4 * hits.length);
      return Matcher.overlapSteps;
    };
    expect(growth(work, 300)).toBeLessThan(8);
  });

  it('scores 8 KB of "not resin" end to end', () => {
    const scorer = new Scorer(loadLexicons());
    const r = scorer.scoreText('ivory ' + 'not resin '.repeat(800));
    // 100 of each entry kept (MAX_HITS_PER_ENTRY), the first in the text: each negation still next to its resin
    expect(r.hits.length).toBe(1 + 2 * MAX_HITS_PER_ENTRY);
    expect(r.notKept).toBe(2 * (800 - MAX_HITS_PER_ENTRY));
    expect(r.hits.filter((h) => h.status === 'negated' && h.insideOf === 'negation.not').length).toBe(MAX_HITS_PER_ENTRY);
    expect(r.hits.filter((h) => h.status === 'negation').length).toBe(MAX_HITS_PER_ENTRY);
    expect(r.products.map((p) => p.product)).toEqual(['elephant_ivory']);
    expect(r.raw).toBeCloseTo(0.5, 9);
  });
});

/** The pairwise rules the indexed code replaced, as references. */
function naiveInside(hits: readonly Hit[]): Map<number, string> {
  const contained = (i: Hit, o: Hit) => i.field === o.field && o.start16 <= i.start16 && i.end16 <= o.end16 && o.end16 - o.start16 > i.end16 - i.start16;
  const ev = hits.map((_h, i) => i).filter((i) => EVIDENCE_KINDS.has(hits[i]!.entry.kind));
  const inside = new Map<number, string>();
  hits.forEach((h, i) => {
    const k = h.entry.kind;
    if (!EVIDENCE_KINDS.has(k) && k !== 'benign' && k !== 'product_form' && k !== 'trade_signal') return;
    const j = ev.find((j) => contained(h, hits[j]!));
    if (j !== undefined) inside.set(i, hits[j]!.entry.id);
  });
  // then a sale word inside a news term ("ban on selling"), unless already inside evidence
  const news = hits.map((_h, i) => i).filter((i) => hits[i]!.entry.kind === 'news' && !inside.has(i));
  hits.forEach((h, i) => {
    if (h.entry.kind !== 'trade_signal' || inside.has(i)) return;
    const j = news.find((j) => contained(h, hits[j]!));
    if (j !== undefined) inside.set(i, hits[j]!.entry.id);
  });
  return inside;
}

function naiveNegated(text: string, hits: readonly Hit[]): (string | undefined)[] {
  const negations = hits.filter((h) => h.entry.kind === 'negation');
  return hits.map((h) => {
    if (h.entry.kind !== 'benign' && h.entry.kind !== 'news') return undefined;
    for (const n of negations) {
      if (n.end16 > h.start16) continue;
      const gap = text.slice(n.end16, h.start16);
      if (/[.,!?;:\n。，、！？；：]/.test(gap)) continue;
      if (gap.split(/[\s,]+/).filter((w) => w.length > 0).length <= NEGATION_REACH) return n.entry.id;
    }
    return undefined;
  });
}

const kinds: Kind[] = ['product', 'species', 'code_word', 'product_form', 'trade_signal', 'benign', 'news', 'negation'];
const byKind = new Map(kinds.map((k) => [k, [entry(`${k}.1`, k, 'p', 1, {}), entry(`${k}.2`, k, 'any', 1, {})]]));
const arbHits = fc.array(
  fc.record({ k: fc.constantFrom(...kinds), e: fc.integer({ min: 0, max: 1 }), field: fc.constantFrom('a', 'b'), s: fc.integer({ min: 0, max: 15 }), len: fc.integer({ min: 1, max: 6 }) }),
  { maxLength: 60 },
).map((xs) => xs.map((x) => hit(byKind.get(x.k)![x.e]!, x.s, x.s + x.len, x.field)));

describe('the indexed rules give what the pairwise ones gave', () => {
  it('inside: the first containing evidence hit, for hits in any order', () => {
    fc.assert(fc.property(arbHits, (hits) => {
      const want = naiveInside(hits);
      const got = scoreHits(hits).hits;
      got.forEach((s, i) => {
        expect(s.status === 'inside' ? s.insideOf : undefined).toBe(want.get(i));
      });
    }), { numRuns: 2000 });
  });

  it('negation: the first negation in reach', () => {
    const chars = [' ', ' ', 'a', 'b', ',', '.', '\n', '\u00a0', '\u3000', '。', '\ufeff', '-'];
    fc.assert(fc.property(arbHits, fc.array(fc.constantFrom(...chars), { minLength: 22, maxLength: 22 }), (hits, cs) => {
      const text = cs.join('');
      const sorted = [...hits].sort((a, b) => a.start16 - b.start16 || b.end16 - a.end16);
      const want = naiveNegated(text, sorted);
      markNegated(text, sorted);
      expect(sorted.map((h) => h.negatedBy)).toEqual(want);
    }), { numRuns: 2000 });
  });
});
