import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Automaton } from '../src/core/automaton.js';

function naive(patterns: string[], text: string): string[] {
  const out: string[] = [];
  patterns.forEach((p, idx) => {
    if (p.length === 0) return;
    for (let i = text.indexOf(p); i >= 0; i = text.indexOf(p, i + 1)) out.push(`${idx}@${i}-${i + p.length}`);
  });
  return out.sort();
}

describe('Automaton', () => {
  it('finds overlapping and nested patterns', () => {
    const a = new Automaton(['he', 'she', 'his', 'hers']);
    const found = a.findAll('ushers').map((m) => `${m.pattern}@${m.start}-${m.end}`).sort();
    expect(found).toEqual(['0@2-4', '1@1-4', '3@2-6']);
  });

  it('handles CJK and emoji code units', () => {
    const a = new Automaton(['象牙', '犀牛角', '🐘']);
    const found = a.findAll('出售象牙手镯🐘和犀牛角').map((m) => m.pattern);
    expect(found).toEqual([0, 2, 1]);
  });

  it('agrees with naive search (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '象'), minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', '象', ' '), maxLength: 40 }),
        (patterns, text) => {
          const a = new Automaton(patterns);
          const got = a.findAll(text).map((m) => `${m.pattern}@${m.start}-${m.end}`).sort();
          expect(got).toEqual(naive(patterns, text));
        },
      ),
      { numRuns: 300 },
    );
  });
});
