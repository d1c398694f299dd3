/**
 * Compiled lexicons (core/compiled.ts): a matcher built from the bytes
 * matches exactly as one compiled from the YAML, on every fixture text; bytes
 * out of shape are refused, never read as tables.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CompiledFormatError, decodeCompiled, encodeCompiled } from '../src/core/compiled.js';
import { Matcher, type FieldText } from '../src/core/matcher.js';
import { Scorer } from '../src/core/scorer.js';
import { loadLexicons } from '../src/lexicon/load.js';

const lexicons = loadLexicons({ scoring: true });
const fresh = new Matcher(lexicons);
const bytes = encodeCompiled(lexicons, fresh.tables());
const decoded = decodeCompiled(bytes);

/** Every listing of the bundled fixtures as fields (title, description, bio as context). */
function fixtureListings(): FieldText[][] {
  const files = [
    'fixtures/sample/listings.csv',
    ...readdirSync('fixtures/eval').filter((f) => f.endsWith('.csv')).map((f) => path.join('fixtures/eval', f)),
    'test/fixtures/offer-vs-report.csv',
  ];
  const out: FieldText[][] = [];
  for (const f of files) {
    const rows = parse(readFileSync(f), { columns: true, bom: true }) as Record<string, string>[];
    for (const r of rows) {
      const fields: FieldText[] = [];
      for (const name of ['title', 'description', 'text']) if (r[name]) fields.push({ name, text: r[name] });
      if (r.bio) fields.push({ name: 'bio', text: r.bio, role: 'context' });
      out.push(fields);
    }
  }
  // the lexicons' own examples: every evasion, script and language they test
  for (const l of lexicons) for (const e of l.entries) for (const t of [...e.examples.match, ...e.examples.no_match]) out.push([{ name: 'text', text: t }]);
  return out;
}

const plain = (hits: ReturnType<Matcher['match']>) => hits.map((h) => ({ ...h, entry: h.entry.id }));

describe('compiled lexicons', () => {
  const listings = fixtureListings();

  it('decode gives back the lexicons and tables that were encoded', () => {
    expect(decoded.lexicons).toEqual(JSON.parse(JSON.stringify(lexicons)));
    const t = fresh.tables();
    expect(decoded.tables.refStrings).toEqual(t.refStrings);
    expect([...decoded.tables.refColumns]).toEqual([...t.refColumns]);
    expect([...decoded.tables.exact.transTo]).toEqual([...t.exact.transTo]);
    expect([...decoded.tables.deob.outPattern]).toEqual([...t.deob.outPattern]);
  });

  it(`a matcher over the decoded tables finds the same hits on every fixture text (${listings.length} listings and examples)`, () => {
    expect(listings.length).toBeGreaterThan(3000);
    const built = new Matcher(decoded.lexicons, decoded.tables);
    let hits = 0;
    for (const fields of listings) {
      const a = plain(fresh.match(fields));
      hits += a.length;
      expect(plain(built.match(fields))).toEqual(a);
    }
    expect(hits).toBeGreaterThan(10_000);
  });

  it('and the same scores, statuses and contributions', () => {
    const a = new Scorer(lexicons);
    const b = new Scorer(decoded.lexicons, {}, decoded.tables);
    for (const fields of listings.slice(0, 1500)) {
      const x = a.score(fields);
      const y = b.score(fields);
      expect(y.raw).toBe(x.raw);
      expect(y.hits.map((h) => [h.hit.entry.id, h.status, h.contribution])).toEqual(x.hits.map((h) => [h.hit.entry.id, h.status, h.contribution]));
    }
  });

  it('refuses bytes out of shape', () => {
    const copy = (b: Uint8Array) => new Uint8Array(b);
    expect(() => decodeCompiled(new Uint8Array(4))).toThrow(CompiledFormatError);
    const noMark = copy(bytes);
    noMark[0] = 0;
    expect(() => decodeCompiled(noMark)).toThrow(/no WSLC mark/);
    const otherFormat = copy(bytes);
    otherFormat[4] = 99;
    expect(() => decodeCompiled(otherFormat)).toThrow(/format 99/);
    expect(() => decodeCompiled(copy(bytes.subarray(0, bytes.length - 100)))).toThrow(/out of bounds/);
    const header = copy(bytes);
    header[12] = 0x5b; // '[' for '{': JSON of another shape
    expect(() => decodeCompiled(header)).toThrow(CompiledFormatError);
    const unaligned = new Uint8Array(bytes.length + 1).subarray(1);
    unaligned.set(bytes);
    expect(() => decodeCompiled(unaligned)).toThrow(/8-aligned/);
  });
});
