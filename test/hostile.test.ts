/**
 * Hostile text: matching stays linear whatever the text holds. The automaton
 * follows at most one failure link per character (counted, not timed), and
 * the whole matcher handles million-character fields of separators, combining
 * marks and emoji.
 */
import { describe, expect, it } from 'vitest';
import { Automaton } from '../src/core/automaton.js';
import { Matcher } from '../src/core/matcher.js';
import { normalize } from '../src/core/normalize.js';
import { loadLexicons } from '../src/lexicon/load.js';

describe('linear time on hostile text', () => {
  it('follows at most one failure link per character, for any text length', () => {
    // the worst case for naive matching: many overlapping prefixes
    const patterns = Array.from({ length: 50 }, (_, i) => 'a'.repeat(i + 1) + 'b');
    const a = new Automaton(patterns);
    for (const n of [10_000, 40_000, 160_000]) {
      const text = 'a'.repeat(n);
      Automaton.failureSteps = 0;
      let matches = 0;
      a.scan(text, () => { matches++; });
      expect(matches).toBe(0);
      expect(Automaton.failureSteps).toBeLessThanOrEqual(n);
      const mixed = ('a'.repeat(49) + 'c').repeat(n / 50);
      Automaton.failureSteps = 0;
      a.scan(mixed, () => { matches++; });
      expect(Automaton.failureSteps).toBeLessThanOrEqual(mixed.length);
    }
  });

  const matcher = new Matcher(loadLexicons());
  const million = 1_000_000;
  it.each([
    ['separators', '. - _ * '.repeat(million / 8)],
    ['single letters', 'i v o r y '.repeat(million / 10)],
    ['combining marks', 'a' + '\u0301'.repeat(million)],
    ['emoji', '🐘🦏🐯'.repeat(million / 6)],
    ['digits and letters', '1v0ry'.repeat(million / 5)],
    ['one long word', 'x'.repeat(million)],
  ])('handles a million characters of %s', (_name, text) => {
    Automaton.failureSteps = 0;
    const hits = matcher.matchField('text', text);
    expect(Automaton.failureSteps).toBeLessThanOrEqual(2 * text.length);
    for (const h of hits.slice(0, 100)) expect(text.slice(h.start16, h.end16)).toBe(h.match);
  });

  it('normalizes to at most a few characters per input character', () => {
    for (const text of ['\uFDFA'.repeat(10_000), '㍿'.repeat(10_000), 'ﬃ'.repeat(10_000)]) {
      const n = normalize(text);
      expect(n.text.length).toBeLessThanOrEqual(18 * text.length);
      expect(n.starts.length).toBe(n.text.length);
    }
  });
});
