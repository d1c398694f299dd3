import { describe, expect, it } from 'vitest';
import { readFileSync, mkdtempSync, existsSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { BIN, cli, jsonLines, MINI } from './cli-helpers.js';

const F = 'fixtures/formats/';

describe('wildsift score (built binary)', () => {
  it('writes one JSON object per input row, ranked, with the documented fields', async () => {
    const r = (await cli(['score', ...MINI, F + 'listings.jsonl']));
    expect(r.code).toBe(0);
    const recs = jsonLines(r.stdout);
    expect(recs).toHaveLength(4);
    expect(recs.map((x) => x.rank)).toEqual([1, 2, 3, 4]);
    // J1 and J4 tie at the same score: input order decides
    expect(recs.map((x) => x.id)).toEqual(['J1', 'J4', 'J2', 'J3']);
    for (const rec of recs) {
      for (const k of ['rank', 'group', 'id', 'source', 'row', 'score', 'raw', 'level', 'flagged', 'products', 'hits', 'fields']) expect(rec).toHaveProperty(k);
    }
    const j1 = recs[0] as { hits: Record<string, unknown>[]; row: number; source: string; flagged: boolean };
    expect(j1.row).toBe(1);
    expect(j1.source).toBe(F + 'listings.jsonl');
    expect(j1.flagged).toBe(true);
    expect(j1.hits[0]).toEqual({
      entry: 'mini.rhino-horn', lexicon: 'mini', kind: 'product', product: 'rhino_horn', lang: 'en', term: 'rhino horn',
      match: 'Rhino horn', field: 'title', start: 0, end: 10, transform: 'exact', weight: 3, contribution: 3, status: 'counted', role: 'item',
    });
    expect(r.stderr).toMatch(/^wildsift: 4 rows read, 4 scored, 0 rejected; 2 flagged at threshold 0.5/m);
  });

  it('gives the same ranking for every input format', async () => {
    const ids = async (args: string[]) => jsonLines((await cli(['score', ...MINI, '--quiet', ...args])).stdout).map((x) => `${x.id}:${x.score}`);
    const expected = await ids([F + 'listings.jsonl']);
    expect(await ids([F + 'listings.json'])).toEqual(expected);
    expect(await ids([F + 'wrapped.json'])).toEqual(expected);
    expect(await ids([F + 'listings.tsv', '--id', 'listing_id'])).toEqual(expected);
    expect(await ids([F + 'listings-jsonl.data'])).toEqual(expected);
    expect(await ids(['--input-format', 'jsonl', '-'])).toHaveLength(0);
    const stdin = (await cli(['score', ...MINI, '--quiet', '-'], { input: readFileSync(F + 'listings.jsonl') }));
    expect(jsonLines(stdin.stdout).map((x) => `${x.id}:${x.score}`)).toEqual(expected);
    expect(jsonLines(stdin.stdout)[0]!.source).toBe('-');
  });

  it('reads several inputs in one run and keeps source and row', async () => {
    const r = (await cli(['score', ...MINI, '--quiet', F + 'listings.jsonl', F + 'semicolon.csv']));
    const recs = jsonLines(r.stdout);
    expect(recs).toHaveLength(8);
    const csvJ4 = recs.find((x) => x.source === F + 'semicolon.csv' && x.id === 'J4')!;
    expect(csvJ4.row).toBe(4);
  });

  it('scores nested fields named by --text and reports missing ones', async () => {
    const r = (await cli(['score', ...MINI, '--quiet', '--text', 'seller.bio', F + 'listings.jsonl']));
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).every((x) => (x.hits as unknown[]).length === 0)).toBe(true);
    const bad = (await cli(['score', ...MINI, '--text', 'title,body', F + 'listings.jsonl']));
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('text field "body" not found; fields present: listing_id, title, description, seller.name, seller.bio');
  });

  it('filters with --top, --min-score and --flagged-only, keeping ranks', async () => {
    const top = jsonLines((await cli(['score', ...MINI, '--quiet', '--top', '1', F + 'listings.jsonl'])).stdout);
    expect(top.map((x) => x.rank)).toEqual([1]);
    const flagged = jsonLines((await cli(['score', ...MINI, '--quiet', '--flagged-only', F + 'listings.jsonl'])).stdout);
    expect(flagged.map((x) => x.id)).toEqual(['J1', 'J4']);
    const min = jsonLines((await cli(['score', ...MINI, '--quiet', '--min-score', '0.8', F + 'listings.jsonl'])).stdout);
    expect(min).toEqual([]);
    const low = jsonLines((await cli(['score', ...MINI, '--quiet', '--threshold', '0.9', '--flagged-only', F + 'listings.jsonl'])).stdout);
    expect(low).toEqual([]);
  });

  it('writes JSON, CSV and table formats', async () => {
    const json = JSON.parse((await cli(['score', ...MINI, '--quiet', '-f', 'json', F + 'listings.jsonl'])).stdout) as { id: string }[];
    expect(json.map((x) => x.id)).toEqual(['J1', 'J4', 'J2', 'J3']);
    const csv = parse((await cli(['score', ...MINI, '--quiet', '-f', 'csv', '--keep', 'title', F + 'listings.jsonl'])).stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(csv[0]!)).toEqual(['rank', 'group', 'id', 'source', 'row', 'score', 'level', 'flagged', 'products', 'terms', 'hits', 'fingerprint', 'title']);
    expect(csv[0]).toMatchObject({ rank: '1', id: 'J1', products: 'rhino_horn', terms: 'Rhino horn;WhatsApp', title: 'Rhino horn cup, old' });
    // the hits that explain the score (a repeat of an entry already counted is left out); --all-hits writes every one
    expect((JSON.parse(csv[0]!.hits!) as { status: string }[]).map((h) => h.status)).toEqual(['counted', 'counted']);
    const all = parse((await cli(['score', ...MINI, '--quiet', '-f', 'csv', '--all-hits', '--keep', 'title', F + 'listings.jsonl'])).stdout, { columns: true }) as Record<string, string>[];
    expect((JSON.parse(all[0]!.hits!) as { status: string }[]).map((h) => h.status)).toEqual(['counted', 'repeat', 'counted']);
    const table = (await cli(['score', ...MINI, '--quiet', '-f', 'table', F + 'listings.jsonl'])).stdout;
    expect(table.split('\n')[0]).toMatch(/rank\s+score\s+level\s+id\s+products\s+excerpt/);
    expect(table).toContain('J4            elephant_ivory            Vòng tay ngà voi');
    expect(table).not.toContain('\u001b[');
  });

  it('colours the table only when asked and never with NO_COLOR or --no-color', async () => {
    const forced = (await cli(['score', ...MINI, '--quiet', '-f', 'table', F + 'listings.jsonl'], { env: { FORCE_COLOR: '1' } })).stdout;
    expect(forced).toContain('\u001b[');
    expect((await cli(['score', ...MINI, '--quiet', '-f', 'table', F + 'listings.jsonl'], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await cli(['score', ...MINI, '--quiet', '-f', 'table', '--no-color', F + 'listings.jsonl'], { env: { FORCE_COLOR: '1' } })).stdout).not.toContain('\u001b[');
  });

  it('writes --output atomically, choosing the format from the extension', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-'));
    const out = path.join(dir, 'out.csv');
    const r = (await cli(['score', ...MINI, '-o', out, F + 'listings.jsonl']));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8').split('\n')[0]).toMatch(/^rank,group,id,source/);
    const failed = (await cli(['score', ...MINI, '-o', path.join(dir, 'never.jsonl'), F + 'listings.jsonl', 'missing.csv']));
    expect(failed.code).toBe(2);
    expect(existsSync(path.join(dir, 'never.jsonl'))).toBe(false);
  });

  it('reports rejected rows with their row and line, and counts them', async () => {
    const r = (await cli(['score', ...MINI, F + 'malformed.csv']));
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((x) => x.row).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(r.stderr).toContain(`wildsift: warning: ${F}malformed.csv: row 6 (line 7) rejected: malformed CSV: Quote Not Closed`);
    expect(r.stderr).toMatch(/6 rows read, 5 scored, 1 rejected/);
  });

  it('exits 1 with --fail-on only when a listing reaches the level', async () => {
    expect((await cli(['score', ...MINI, '--quiet', '--fail-on', 'medium', F + 'listings.jsonl'])).code).toBe(1);
    expect((await cli(['score', ...MINI, '--quiet', '--fail-on', 'high', F + 'listings.jsonl'])).code).toBe(0);
    expect((await cli(['score', ...MINI, '--quiet', F + 'listings.jsonl'])).code).toBe(0);
  });

  it('exits 2 on usage, lexicon and input errors, with nothing on stdout', async () => {
    for (const args of [
      ['score', '--bogus'],
      ['score', '--format', 'xml'],
      ['score', '--threshold', '2'],
      ['score', '--top', '0'],
      ['score', ...MINI, 'no-such-file.csv'],
      ['score', '--no-default-lexicons', '--lexicon', 'test/fixtures/lexicons/bad-schema.yaml', F + 'listings.jsonl'],
      ['score', '--lexicon', 'test/fixtures/lexicons/nope.yaml', F + 'listings.jsonl'],
    ]) {
      const r = (await cli(args));
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr.length, args.join(' ')).toBeGreaterThan(0);
    }
  });

  it('names file, entry and field in lexicon errors', async () => {
    const r = (await cli(['score', '--no-default-lexicons', '--lexicon', 'test/fixtures/lexicons/bad-schema.yaml', '--lexicon', 'test/fixtures/lexicons/bad-yaml.yaml', F + 'listings.jsonl']));
    expect(r.stderr).toContain('test/fixtures/lexicons/bad-schema.yaml: entry bad.one: field kind: must be equal to one of the allowed values');
    expect(r.stderr).toContain('test/fixtures/lexicons/bad-schema.yaml: entry bad.one: field weight: must be <= 5');
    expect(r.stderr).toContain('test/fixtures/lexicons/bad-schema.yaml: entry bad.one: field terms: has an unknown language code "xx"');
    expect(r.stderr).toContain('test/fixtures/lexicons/bad-schema.yaml: entry bad.one: unknown field "colour"');
    expect(r.stderr).toContain('test/fixtures/lexicons/bad-yaml.yaml: YAML error:');
  });

  it('ends quietly with exit 0 when the reader closes the pipe (| head)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-'));
    const big = path.join(dir, 'big.jsonl');
    const line = readFileSync(F + 'listings.jsonl', 'utf8');
    writeFileSync(big, line.repeat(3000));
    const r = spawnSync('bash', ['-c', `node ${BIN} score --quiet ${MINI.join(' ')} ${big} | head -n 1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('status=0');
    expect(r.stderr).toBe('');
  });
});

describe('wildsift --version and --help', () => {
  it('prints the package version', async () => {
    const r = (await cli(['--version']));
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
  it('shows help with examples and exit codes', async () => {
    const r = (await cli(['score', '--help']));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('Exit codes: 0 ok; 1 a listing reached --fail-on; 2 usage');
  });
});

describe('near-duplicate groups (built binary)', () => {
  it('puts reposts of one ad in one group, and other ads in their own', async () => {
    const r = (await cli(['score', ...MINI, '--quiet', '--no-sort', 'test/fixtures/dups.jsonl']));
    const recs = jsonLines(r.stdout);
    expect(recs.map((x) => [x.id, x.group])).toEqual([['A', 1], ['B', 1], ['C', 2], ['D', 1], ['E', 3]]);
    const off = jsonLines((await cli(['score', ...MINI, '--quiet', '--no-groups', 'test/fixtures/dups.jsonl'])).stdout);
    expect(off.every((x) => x.group === null)).toBe(true);
    expect((await cli(['score', ...MINI, 'test/fixtures/dups.jsonl'])).stderr).toContain('3 near-duplicate groups');
  });
});
