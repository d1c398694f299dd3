import { describe, expect, it } from 'vitest';
import { loadLexicons } from '../src/lexicon/load.js';
import { checkExamples } from '../src/lexicon/examples.js';

describe('built-in lexicons', () => {
  const lexicons = loadLexicons();

  it('load and validate', () => {
    expect(lexicons.length).toBeGreaterThan(0);
  });

  it('every example matches (or does not match) its entry through the scoring path', () => {
    const { checked, failures } = checkExamples(lexicons);
    expect(checked).toBeGreaterThan(0);
    expect(failures.map((f) => `${f.file}: ${f.entry}: ${f.expected} ${JSON.stringify(f.example)} -> hits [${f.got.join(', ')}]`)).toEqual([]);
  });
});
