/**
 * Dirty input, end to end on the built binary: for every file of
 * fixtures/bad/, the message, the exit code, and that every row is accounted
 * for (rows read = rows scored + rows rejected, against the rows the file holds).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { BIN, cli, jsonLines } from './cli-helpers.js';

const B = 'fixtures/bad/';

function summary(stderr: string): { read: number; scored: number; rejected: number } {
  const m = /wildsift: (\d+) rows read, (\d+) scored, (\d+) rejected/.exec(stderr);
  if (!m) throw new Error(`no summary in: ${stderr}`);
  return { read: Number(m[1]), scored: Number(m[2]), rejected: Number(m[3]) };
}

describe('bad input (built binary)', () => {
  it.each([
    // file, extra args, rows in the file, rows scored, rows rejected, exit code, a message on stderr
    ['malformed.csv', [], 4, 3, 1, 0, 'row 4 (line 5) rejected: malformed CSV: Quote Not Closed'],
    ['bad-lines.jsonl', [], 4, 2, 2, 0, 'row 2 (line 2) rejected: invalid JSON'],
    ['gb18030.csv', ['--encoding', 'gb18030'], 2, 2, 0, 0, undefined],
    ['big5.csv', ['--encoding', 'big5'], 2, 2, 0, 0, undefined],
    ['windows-1252.csv', ['--encoding', 'windows-1252'], 2, 2, 0, 0, undefined],
    ['utf16le-bom.csv', [], 2, 2, 0, 0, undefined],
    ['invalid-utf8.csv', [], 2, 2, 0, 0, '2 invalid utf-8 byte sequences replaced by U+FFFD (first in row 2)'],
    ['listings.csv.gz', [], 3, 3, 0, 0, undefined],
    ['truncated.csv.gz', [], 1326, 1325, 1, 2, 'gzip data is truncated or corrupt (unexpected end of file); the rows before that point were read'],
    ['empty.csv', [], 0, 0, 0, 0, 'empty input: no rows'],
    ['header-only.csv', [], 0, 0, 0, 0, 'no rows (a header only'],
    ['duplicate-ids.csv', [], 3, 3, 0, 0, '1 duplicate id (first: "D1" again at fixtures/bad/duplicate-ids.csv row 3)'],
    ['giant-field.csv', ['--max-field-size', '100'], 1, 1, 0, 0, '1 field longer than 100 characters cut to that length (first: row 1 field description)'],
  ] as const)('%s', async (file, args, rows, scored, rejected, code, message) => {
    const r = (await cli(['score', ...args, B + file]));
    expect(r.code).toBe(code);
    const s = summary(r.stderr);
    expect(s).toEqual({ read: rows, scored, rejected });
    expect(s.read).toBe(s.scored + s.rejected);
    expect(jsonLines(r.stdout)).toHaveLength(scored);
    if (message) expect(r.stderr).toContain(message);
  });

  it('decodes legacy encodings into the right text', async () => {
    const zh = jsonLines((await cli(['score', '-q', '--encoding', 'gb18030', B + 'gb18030.csv'])).stdout);
    expect(zh[0]).toMatchObject({ id: 'Z1', products: ['elephant_ivory'] });
    expect((zh[0]!.fields as Record<string, string>).title).toBe('老象牙手镯 出售');
    const tw = jsonLines((await cli(['score', '-q', '--encoding', 'big5', B + 'big5.csv'])).stdout);
    expect(tw[0]).toMatchObject({ id: 'T1', products: ['rhino_horn'] });
    const fr = jsonLines((await cli(['score', '-q', '--encoding', 'windows-1252', B + 'windows-1252.csv'])).stdout);
    expect((fr[0]!.fields as Record<string, string>).title).toBe('Netsuke en ivoire sculpté');
    expect((await cli(['score', '--encoding', 'klingon', B + 'big5.csv'])).stderr).toContain('unknown encoding "klingon"');
  });

  it('reads gzip from stdin by its magic bytes', async () => {
    const r = (await cli(['score', '-q', '-'], { input: readFileSync(B + 'listings.csv.gz') }));
    expect(jsonLines(r.stdout).map((x) => x.id)).toEqual(['G1', 'G2', 'G3']);
  });

  it('gives JSON syntax errors with line and column', async () => {
    const r = (await cli(['score', B + 'broken.json']));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('fixtures/bad/broken.json: invalid JSON at line 3, column 15');
    expect(r.stdout).toBe('');
  });

  it('stops on the first bad record with --on-error fail, and after too many with --max-errors', async () => {
    const fail = (await cli(['score', '--on-error', 'fail', B + 'malformed.csv']));
    expect(fail.code).toBe(2);
    expect(fail.stderr).toContain('fixtures/bad/malformed.csv: row 4 (line 5): malformed CSV: Quote Not Closed');
    expect(fail.stdout).toBe('');
    const many = (await cli(['score', '--max-errors', '1', B + 'bad-lines.jsonl']));
    expect(many.code).toBe(2);
    expect(many.stderr).toContain('more than 1 records rejected: stopping (--max-errors)');
    expect((await cli(['score', '--max-errors', '2', B + 'bad-lines.jsonl'])).code).toBe(0);
  });

  it('writes rejected records to --errors as JSON Lines', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-errors-'));
    const f = path.join(dir, 'errors.jsonl');
    (await cli(['score', '-q', '--errors', f, B + 'bad-lines.jsonl']));
    expect(jsonLines(readFileSync(f, 'utf8'))).toEqual([
      { input: B + 'bad-lines.jsonl', row: 2, line: 2, reason: 'invalid JSON: Unexpected end of JSON input', excerpt: '{"id":"J2","title":' },
      { input: B + 'bad-lines.jsonl', row: 3, line: 3, reason: 'not a JSON object', excerpt: '[1,2,3]' },
    ]);
  });

  it('neutralizes spreadsheet formulas in CSV output, unless --csv-formulas', async () => {
    const rows = parse((await cli(['score', '-q', '-f', 'csv', B + 'formula.csv'])).stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.title)).toEqual([`'=HYPERLINK("http://evil.example","click")`, "'+SUM(A1:A9)"]);
    expect(rows[1]!.description!.startsWith("'-1+2")).toBe(true);
    const raw = parse((await cli(['score', '-q', '-f', 'csv', '--csv-formulas', B + 'formula.csv'])).stdout, { columns: true }) as Record<string, string>[];
    expect(raw[0]!.title).toBe('=HYPERLINK("http://evil.example","click")');
  });

  it('leaves no output file when the run fails', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-out-'));
    const out = path.join(dir, 'out.csv');
    const r = (await cli(['score', '--on-error', 'fail', '-o', out, B + 'malformed.csv']));
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('keeps the accounting identity when several bad inputs are read in one run', async () => {
    const r = spawnSync(process.execPath, [BIN, 'score', B + 'malformed.csv', B + 'bad-lines.jsonl', B + 'header-only.csv', B + 'listings.csv.gz'], { encoding: 'utf8' });
    expect(summary(r.stderr)).toEqual({ read: 11, scored: 8, rejected: 3 });
  });
});

describe('a truncated archive fails every command that reads listings', () => {
  const T = B + 'truncated.csv.gz';
  const MESSAGE = 'gzip data is truncated or corrupt (unexpected end of file); the rows before that point were read';
  // score JSONL cut off mid-stream, for the commands that read score output
  let scoredGz = '';
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-trunc-'));
    const scored = (await cli(['score', '-q', 'fixtures/sample/listings.csv'])).stdout;
    const gz = gzipSync(scored);
    scoredGz = path.join(dir, 'scored.jsonl.gz');
    writeFileSync(scoredGz, gz.subarray(0, Math.floor(gz.length / 2)));
  });
  it.each([
    ['score', () => ['score', '-q', T]],
    ['eval', () => ['eval', '--label', 'id', T]],
    ['diff', () => ['diff', T]],
    ['stats', () => ['stats', T]],
    ['report', () => ['report', T, '-o', path.join(mkdtempSync(path.join(tmpdir(), 'wildsift-rep-')), 'r.html')]],
    ['stats --scored', () => ['stats', '--scored', scoredGz]],
    ['report --scored', () => ['report', '--scored', scoredGz, '-o', path.join(mkdtempSync(path.join(tmpdir(), 'wildsift-rep-')), 'r.html')]],
    ['merge', () => ['merge', scoredGz]],
  ] as const)('%s exits 2 with a message', async (_name, args) => {
    const r = await cli([...args()]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`wildsift: error: \\S+\\.gz: ${MESSAGE.replace(/[()]/g, '\\$&')}`));
  });
});
