/** wildsift suggest: a code word planted near the evidence of flagged listings must come out on top. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { cli, jsonLines } from './cli-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-suggest-'));
const rows = ['latin', 'asia'].flatMap((n) => parse(readFileSync(`fixtures/eval/labelled-${n}.csv`), { columns: true }) as Record<string, string>[]);
// a made-up trader word, put in front of the title of 15 ivory offers (5% of the positives, in several languages), and in no other listing
const PLANT = 'kelpravor';
let planted = 0;
const withPlant = rows.map((r) => (r.label === '1' && r.product === 'elephant_ivory' && planted < 15 ? (planted++, { ...r, title: `${PLANT} ${r.title}` }) : r));
const input = path.join(dir, 'planted.csv');
writeFileSync(input, stringify(withPlant, { header: true }));

describe('wildsift suggest (built binary)', () => {
  it('ranks the planted code word first, with its counts, language, product and examples', async () => {
    expect(planted).toBe(15);
    const r = await cli(['suggest', input, '--background', 'fixtures/eval/benign.csv', '-f', 'jsonl', '--top', '10']);
    expect(r.code).toBe(0);
    const s = jsonLines(r.stdout) as any[];
    expect(s[0].term).toBe(PLANT);
    expect(s[0].foreground).toBeGreaterThanOrEqual(12);
    // in the background only where a planted offer was not flagged
    expect(s[0].background).toBeLessThanOrEqual(15 - s[0].foreground);
    expect(s[0].product).toBe('elephant_ivory');
    expect(s[0].examples.length).toBeGreaterThan(0);
    expect(s[0].examples[0].text).toContain(PLANT);
    expect(s[0].z).toBeGreaterThan(s[1].z);
    // terms the lexicons already match are never suggested
    for (const x of s) expect(['ivory', 'ngà voi', '象牙', 'marfil', 'gading']).not.toContain(x.term);
    expect(r.stderr).toMatch(/^wildsift: \d+ flagged listings against \d+ in the background; 10 candidates\n$/);
  });

  it('without the plant it is not there; the table and the yaml say the same', async () => {
    const clean = path.join(dir, 'clean.csv');
    writeFileSync(clean, stringify(rows, { header: true }));
    const r = await cli(['suggest', clean, '--background', 'fixtures/eval/benign.csv', '-f', 'jsonl', '--top', '50']);
    expect((jsonLines(r.stdout) as any[]).some((x) => x.term.includes(PLANT))).toBe(false);
    const table = await cli(['suggest', input, '--background', 'fixtures/eval/benign.csv', '--no-color', '--top', '3', '-q']);
    expect(table.stdout.split('\n')[1]).toMatch(new RegExp(`^\\s+1\\s+\\d+\\.\\d\\d\\s+\\d+\\s+\\d+\\s+\\S+\\s+elephant_ivory\\s+${PLANT}$`));
  });

  it('-f yaml writes a lexicon file to edit: it does not load until a person adds no_match examples, then scores the word', async () => {
    const r = await cli(['suggest', input, '--background', 'fixtures/eval/benign.csv', '-f', 'yaml', '--top', '5', '-q']);
    const doc = YAML.parse(r.stdout);
    expect(doc).toMatchObject({ format: 1, lexicon: 'suggested' });
    expect(doc.entries[0]).toMatchObject({ id: `suggested.${PLANT}`, kind: 'code_word', product: 'elephant_ivory', corroboration: 'required' });
    expect(doc.entries[0].examples.match.every((m: string) => m.includes(PLANT))).toBe(true);
    const file = path.join(dir, 'suggested.yaml');
    writeFileSync(file, r.stdout);
    const raw = await cli(['explain', '--lexicon', file, 'x']);
    expect(raw.code).toBe(2);
    expect(raw.stderr).toContain(`entry suggested.${PLANT}: field examples.no_match: must NOT have fewer than 1 items`);
    // edited as a maintainer would: one entry kept, with a counter-example
    doc.entries = [{ ...doc.entries[0], examples: { ...doc.entries[0].examples, no_match: ['kelp, raw seaweed'] } }];
    writeFileSync(file, YAML.stringify(doc));
    const ex = await cli(['explain', '--lexicon', file, '-f', 'json', `${PLANT} ivory bangle for sale`]);
    expect(ex.code).toBe(0);
    expect(JSON.parse(ex.stdout).hits.some((h: any) => h.entry === `suggested.${PLANT}`)).toBe(true);
    expect((await cli(['lexicon', 'test', file])).code).toBe(0);
  });

  it('needs flagged listings and a background (exit 2)', async () => {
    const r = await cli(['suggest', 'fixtures/eval/benign.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no flagged listing in the inputs');
  });
});
