/**
 * The compiled-lexicon cache end to end (built binary): written on the first
 * run, read on the next, keyed by the lexicon files' content; damaged files
 * are compiled afresh and replaced; concurrent runs and an unwritable folder
 * never fail a run; --no-cache neither reads nor writes.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cli } from './cli-helpers.js';

const SAMPLE = 'fixtures/sample/listings.csv';
const files = (dir: string) => {
  try {
    return readdirSync(path.join(dir, 'wildsift')).sort();
  } catch {
    return [];
  }
};
const score = (cache: string, extra: string[] = []) => cli(['score', SAMPLE, '-f', 'jsonl', '--quiet', '--jobs', '1', ...extra], { env: { XDG_CACHE_HOME: cache } });

describe('compiled-lexicon cache (built binary)', () => {
  it('writes the compiled lexicons once and reads them on the next run, with the same output', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'wildsift-cache-'));
    const first = await score(cache);
    expect(first.code).toBe(0);
    const written = files(cache);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^lexicons-[0-9a-f]{32}\.bin$/);
    const file = path.join(cache, 'wildsift', written[0]!);
    const mtime = statSync(file).mtimeMs;
    const second = await score(cache);
    expect(second.stdout).toBe(first.stdout);
    expect(statSync(file).mtimeMs).toBe(mtime); // read, not rewritten
    const explain = await cli(['explain', '-f', 'json', 'Vòng tay ngà voi thật, giá 3.500.000đ'], { env: { XDG_CACHE_HOME: cache } });
    expect(JSON.parse(explain.stdout).score).toBeGreaterThan(0.5);
    expect(files(cache)).toEqual(written);
    // with two workers, which build their matchers over the same compiled bytes
    expect((await score(cache, ['--jobs', '2'])).stdout).toBe(first.stdout);
  });

  it('keys on the lexicon files: an edited lexicon gets its own compiled file', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'wildsift-cache-'));
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-lex-'));
    const lex = path.join(dir, 'mine.yaml');
    copyFileSync('test/fixtures/lexicons/mini.yaml', lex);
    const run = () => cli(['score', SAMPLE, '-f', 'jsonl', '--quiet', '--no-default-lexicons', '--lexicon', lex], { env: { XDG_CACHE_HOME: cache } });
    const before = await run();
    expect(files(cache)).toHaveLength(1);
    writeFileSync(lex, readFileSync(lex, 'utf8').replace(/weight: 3\b/, 'weight: 1'));
    const after = await run();
    expect(files(cache)).toHaveLength(2);
    expect(after.stdout).not.toBe(before.stdout);
  });

  it('compiles afresh and replaces a damaged or cut-off file, with the same output', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'wildsift-cache-'));
    const good = await score(cache);
    const file = path.join(cache, 'wildsift', files(cache)[0]!);
    const size = statSync(file).size;
    const bytes = readFileSync(file);
    const mid = Math.floor(size / 2);
    bytes[mid] = bytes[mid]! ^ 0xff;
    writeFileSync(file, bytes);
    const flipped = await score(cache);
    expect(flipped.code).toBe(0);
    expect(flipped.stdout).toBe(good.stdout);
    expect(statSync(file).size).toBe(size);
    expect(readFileSync(file)[mid]).not.toBe(bytes[mid]);
    truncateSync(file, 1000);
    expect((await score(cache)).stdout).toBe(good.stdout);
    expect(statSync(file).size).toBe(size);
    writeFileSync(file, '');
    expect((await score(cache)).stdout).toBe(good.stdout);
    expect(statSync(file).size).toBe(size);
  });

  it('--no-cache neither reads nor writes; a cache folder that cannot be made, or no HOME, only costs time', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'wildsift-cache-'));
    const good = await score(cache, ['--no-cache']);
    expect(good.code).toBe(0);
    expect(files(cache)).toEqual([]);
    // a file where the cache folder should be: it cannot be created (even by root, unlike a read-only folder)
    const blocked = path.join(mkdtempSync(path.join(tmpdir(), 'wildsift-cache-')), 'file');
    writeFileSync(blocked, 'not a folder');
    const r = await score(blocked);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(good.stdout);
    expect(r.stderr).toBe('');
    const noHome = await cli(['score', SAMPLE, '-f', 'jsonl', '--quiet', '--jobs', '1'], { env: { HOME: '', XDG_CACHE_HOME: 'relative/ignored' } });
    expect(noHome.stdout).toBe(good.stdout);
  });

  it('runs started together all succeed, with the same output, and leave one whole file', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'wildsift-cache-'));
    const runOne = () => new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'score', SAMPLE, '-f', 'jsonl', '--quiet', '--jobs', '1'], { env: { ...process.env, XDG_CACHE_HOME: cache } });
      let out = '';
      child.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
      child.on('close', (code) => resolve({ code, out }));
    });
    const runs = await Promise.all([runOne(), runOne(), runOne(), runOne()]);
    for (const r of runs) {
      expect(r.code).toBe(0);
      expect(r.out).toBe(runs[0]!.out);
    }
    expect(files(cache).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    expect(files(cache).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await score(cache)).stdout).toBe(runs[0]!.out);
  });
});
