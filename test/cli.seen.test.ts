/** score --seen: listings scored before (same lexicons, same text) are skipped; the new ones' keys are appended. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, jsonLines, MINI } from './cli-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-seen-'));
const keys = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l) => l !== '');

describe('score --seen (built binary)', () => {
  it('scores only what is new, whatever the order, and appends its keys', async () => {
    const seen = path.join(dir, 'seen.txt');
    const first = await cli(['score', 'fixtures/sample/listings.csv', '--seen', seen, '-f', 'jsonl', '--no-sort']);
    expect(first.code).toBe(0);
    expect(jsonLines(first.stdout)).toHaveLength(112);
    expect(keys(seen)).toHaveLength(112);
    expect(keys(seen).every((k) => /^[0-9a-f]{16}$/.test(k))).toBe(true);
    const second = await cli(['score', 'fixtures/sample/next-week.csv', '--seen', seen, '-f', 'jsonl', '--no-sort']);
    expect((jsonLines(second.stdout) as any[]).map((r) => r.id).sort()).toEqual(['L113', 'L114']);
    expect(second.stderr).toContain('114 rows read, 2 scored, 0 rejected, 112 seen before (--seen)');
    expect(keys(seen)).toHaveLength(114);
    const third = await cli(['score', 'fixtures/sample/next-week.csv', '--seen', seen, '-f', 'jsonl', '-q']);
    expect(third.stdout).toBe('');
    expect(keys(seen)).toHaveLength(114);
  });

  it('other lexicons score everything again: the key covers the lexicon set', async () => {
    const seen = path.join(dir, 'lex.txt');
    await cli(['score', 'fixtures/sample/listings.csv', '--seen', seen, '-q', '-f', 'jsonl']);
    const other = await cli(['score', 'fixtures/sample/listings.csv', '--seen', seen, '-q', '-f', 'jsonl', ...MINI]);
    expect(jsonLines(other.stdout)).toHaveLength(112);
    expect(keys(seen)).toHaveLength(224);
  });

  it('refuses a file that is not a seen file, or one that is an input (exit 2); appends nothing when an input breaks off', async () => {
    const bad = path.join(dir, 'bad.txt');
    writeFileSync(bad, '0123456789abcdef\n{"id":"L1"}\n');
    const r = await cli(['score', 'fixtures/sample/listings.csv', '--seen', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: line 2: not a wildsift content key`);
    expect(r.stdout).toBe('');
    const input = await cli(['score', 'fixtures/sample/listings.csv', '--seen', 'fixtures/sample/listings.csv']);
    expect(input.code).toBe(2);
    expect(input.stderr).toContain('the seen file is a file of its own');
    const broken = path.join(dir, 'broken.txt');
    const b = await cli(['score', 'fixtures/sample/listings.csv', 'fixtures/bad/truncated.csv.gz', '--seen', broken, '-q', '-f', 'jsonl', '--no-sort']);
    expect(b.code).toBe(2);
    expect(existsSync(broken)).toBe(false);
  });
});
