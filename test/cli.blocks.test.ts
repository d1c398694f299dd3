/**
 * Worker threads that read their own byte ranges (#15) write what one thread
 * reading the whole input writes: the same stdout, the same warnings and
 * rejects in the same order, the same exit code, also when the error policy
 * stops the run. Inputs of several MB (several ranges each), with the faults
 * real scrapes have, read with --jobs 1 (one thread reads and scores) and
 * --jobs 2 (workers read ranges; a compressed input between them is read by
 * the main thread and sent in batches).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { spawnCli, type CliResult } from './cli-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-ranges-'));
const CSV = path.join(dir, 'scrape.csv');
const JSONL = path.join(dir, 'posts.jsonl');
const GZ = path.join(dir, 'more.jsonl.gz');
const READ = ['--max-field-size', '3000'];

interface Listing { id: string; title: string; description: string }

/** The labelled listings of three corpora (written in the voice of sellers, collectors and journalists). */
function rows(): Listing[] {
  const out: Listing[] = [];
  for (const f of ['fixtures/eval/labelled-latin.csv', 'fixtures/eval/labelled-asia.csv', 'fixtures/eval/labelled-talk.csv']) {
    for (const r of parse(readFileSync(f), { columns: true }) as Record<string, string>[]) out.push({ id: r.id!, title: r.title ?? '', description: r.description ?? '' });
  }
  return out;
}

beforeAll(() => {
  const base = rows();
  // CSV: a repeated column name, quoted line breaks (the corpus has commas and quotes), ragged rows,
  // invalid UTF-8, repeated ids, fields over the field-size limit, and a quote not closed at the end
  const parts: Buffer[] = [Buffer.from('id,title,description,note,note\n')];
  let size = 0;
  for (let i = 0; size < 3_000_000; i++) {
    const r = base[i % base.length]!;
    const id = i % 1009 === 500 ? `R${i - 7}` : `R${i}`;
    let line = stringify([[id, r.title, r.description, i % 5 === 0 ? 'line one\nline two' : '', '']]);
    if (i % 1301 === 17) line = line.replace(/\n$/, ',extra\n');
    if (i % 1777 === 3) line = stringify([[id, r.title, r.description.repeat(1 + Math.ceil(3500 / (r.description.length + 1))), '', '']]);
    const b = Buffer.from(line);
    parts.push(i % 2503 === 11 ? Buffer.concat([b.subarray(0, 4), Buffer.from([0xff, 0xfe]), b.subarray(4)]) : b);
    size += b.length;
  }
  parts.push(Buffer.from('R-last,"Ivory bangle, never closed\n'));
  writeFileSync(CSV, Buffer.concat(parts));
  // JSON Lines: broken lines, blank lines, arrays, records nested too deep
  const lines: string[] = [];
  size = 0;
  for (let i = 0; size < 2_000_000; i++) {
    const r = base[(i * 7) % base.length]!;
    let l = JSON.stringify({ id: `P${i}`, text: `${r.title}. ${r.description}`, user: { bio: i % 3 === 0 ? 'Antiques dealer since 1990, ivory and bone carvings' : 'hi' } });
    if (i % 997 === 5) l = l.slice(0, 30);
    if (i % 1499 === 8) l = '';
    if (i % 1999 === 13) l = '[1,2,3]';
    if (i % 2999 === 21) l = `{"id":"P${i}","text":"deep","a":${'['.repeat(120)}${']'.repeat(120)}}`;
    lines.push(l);
    size += l.length + 1;
  }
  writeFileSync(JSONL, lines.join('\n') + '\n');
  writeFileSync(GZ, gzipSync(lines.slice(0, 3000).join('\n') + '\n'));
}, 60_000);

/** stderr without the run's time */
const run = (args: string[]): CliResult => {
  const r = spawnCli(['score', ...READ, ...args]);
  return { ...r, stderr: r.stderr.replace(/; [\d.]+ s\n/g, '; (time)\n') };
};

describe('worker threads reading byte ranges (built binary, several MB)', () => {
  it.each([
    [['--no-sort']],
    [['-f', 'csv', '--keep', 'id,note,nothing']],
    [['--top', '300', '--all-hits']],
  ])('CSV, JSONL and gzip together give the same bytes and messages with --jobs 1 and --jobs 2: %j', (args) => {
    const one = run(['--jobs', '1', ...args, CSV, GZ, JSONL]);
    const two = run(['--jobs', '2', ...args, CSV, GZ, JSONL]);
    expect(one.code).toBe(0);
    expect(one.stdout.length).toBeGreaterThan(1_000_000);
    // the faults were met, and said where
    expect(one.stderr).toMatch(/scrape\.csv: row \d+ \(line \d+\) rejected: malformed CSV/);
    expect(one.stderr).toMatch(/fields? longer than 3000 characters cut/);
    expect(one.stderr).toMatch(/rows had a different number of fields than the header/);
    expect(one.stderr).toMatch(/posts\.jsonl: row \d+ \(line \d+\) rejected: invalid JSON/);
    expect(one.stderr).toMatch(/posts\.jsonl: row \d+ \(line \d+\) rejected: nested deeper than 100 levels/);
    expect(one.stderr).toMatch(/more\.jsonl\.gz: row \d+ \(line \d+\) rejected/);
    expect(one.stderr).toMatch(/duplicate column names in header: note/);
    expect(one.stderr).toMatch(/invalid utf-8 byte sequences replaced/);
    expect(one.stderr).toMatch(/duplicate ids \(first: "R\d+" again at .*scrape\.csv row \d+\)/);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(one.code);
  });

  it.each([
    [['--on-error', 'fail']],
    [['--max-errors', '4']],
    [['--max-errors', '12']],
  ])('the error policy stops at the same record with --jobs 1 and --jobs 2: %j', (args) => {
    const one = run(['--jobs', '1', '--no-sort', ...args, JSONL, CSV]);
    const two = run(['--jobs', '2', '--no-sort', ...args, JSONL, CSV]);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/rejected/);
    expect(two.stderr).toBe(one.stderr);
    expect(two.stdout).toBe(one.stdout);
    expect(two.code).toBe(2);
  });
});
