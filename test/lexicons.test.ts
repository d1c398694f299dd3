import { describe, expect, it } from 'vitest';
import { loadLexicons } from '../src/lexicon/load.js';
import { checkExamples } from '../src/lexicon/examples.js';
import { coverage, languagesOf } from '../src/lexicon/coverage.js';
import { Scorer } from '../src/core/scorer.js';

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

describe('built-in lexicon coverage (issue 3)', () => {
  const lexicons = loadLexicons();
  const cov = coverage(lexicons);
  const CORE = ['elephant_ivory', 'rhino_horn', 'tiger', 'pangolin', 'hawksbill'];
  const ALL_LANGS = ['en', 'zh', 'vi', 'id', 'th', 'es', 'pt', 'fr', 'de'];

  it('has at least 14 product groups, each with terms in at least 5 languages', () => {
    expect(cov.products.length).toBeGreaterThanOrEqual(14);
    const thin = cov.products.filter((p) => languagesOf(cov, p).length < 5);
    expect(thin).toEqual([]);
  });

  it('covers the core products in every required language', () => {
    for (const p of CORE) {
      const langs = languagesOf(cov, p);
      expect(ALL_LANGS.filter((l) => !langs.includes(l)), p).toEqual([]);
    }
  });

  it('has scientific names for the listed species', () => {
    const la = lexicons.flatMap((l) => l.entries.flatMap((e) => e.terms.la ?? [])).map((t) => t.toLowerCase());
    for (const name of ['loxodonta africana', 'elephas maximus', 'manis javanica', 'eretmochelys imbricata', 'rhinoplax vigil', 'totoaba macdonaldi', 'panthera tigris']) {
      expect(la, name).toContain(name);
    }
  });

  it('never flags a code word alone, and flags it with a product form and a sale signal', () => {
    const scorer = new Scorer(lexicons);
    const alone: string[] = [];
    const missed: string[] = [];
    for (const lex of lexicons) {
      for (const e of lex.entries) {
        if (e.kind !== 'code_word') continue;
        for (const terms of Object.values(e.terms)) {
          for (const t of terms) {
            // the score the code word gives its own product (a term may also name another product,
            // as "mammoth ivory" names mammoth ivory and is a cover word for elephant ivory)
            const own = (text: string) => scorer.scoreText(text).candidates.find((p) => p.product === e.product)?.score ?? 0;
            if (own(t) >= 0.5) alone.push(`${e.id}: ${t}`);
            if (e.corroboration === 'required' && own(`${t} carved bangle, for sale, WhatsApp`) < 0.5) missed.push(`${e.id}: ${t}`);
          }
        }
      }
    }
    expect(alone).toEqual([]);
    expect(missed).toEqual([]);
  });
});
