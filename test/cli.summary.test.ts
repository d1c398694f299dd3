/** score --summary-json: the run's account for CI, in a file, beside the data on stdout. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, jsonLines } from './cli-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-summary-'));

describe('score --summary-json (built binary)', () => {
  it('writes counts, levels, threshold, lexicon versions and timing that agree with the records and the stderr line', async () => {
    const file = path.join(dir, 'run.json');
    const r = await cli(['score', 'fixtures/sample/listings.csv', '-f', 'jsonl', '--fail-on', 'high', '--summary-json', file]);
    expect(r.code).toBe(1);
    const s = JSON.parse(readFileSync(file, 'utf8'));
    const recs = jsonLines(r.stdout) as any[];
    expect(s.schema).toBe('wildsift.summary/1');
    expect(s.rows).toEqual({ read: recs.length, scored: recs.length, rejected: 0, seen_before: 0 });
    expect(s.flagged).toBe(recs.filter((x) => x.flagged).length);
    for (const l of ['high', 'medium', 'low', 'none']) expect(s.levels[l], l).toBe(recs.filter((x) => x.level === l).length);
    expect(s.lexicons.id).toBe(recs[0].lexicons);
    expect(s.lexicons.sets.map((x: any) => x.name)).toContain('ivory');
    expect(s.lexicons.sets.every((x: any) => /^\d+\.\d+\.\d+$/.test(x.version))).toBe(true);
    expect(s).toMatchObject({ threshold: 0.5, written: recs.length, fail_on: 'high', findings: true, inputs_broken: false, model: null, output: null, format: 'jsonl' });
    expect(r.stderr).toContain(`${s.flagged} flagged at threshold 0.5 (high ${s.levels.high}, medium ${s.levels.medium}, low ${s.levels.low})`);
    expect(s.seconds).toBeGreaterThan(0);
    expect(Number.isNaN(Date.parse(s.started_at))).toBe(false);
  });

  it('is written when an input breaks off too, and says so (exit 2)', async () => {
    const file = path.join(dir, 'broken.json');
    const r = await cli(['score', 'fixtures/sample/listings.csv', 'fixtures/bad/truncated.csv.gz', '-q', '-f', 'jsonl', '--no-sort', '--summary-json', file]);
    expect(r.code).toBe(2);
    const s = JSON.parse(readFileSync(file, 'utf8'));
    expect(s.inputs_broken).toBe(true);
    expect(s.rows.scored).toBe(jsonLines(r.stdout).length);
    expect(s.rows.scored).toBeGreaterThanOrEqual(112);
  });

  it('refuses stdout and the results file (exit 2, nothing written)', async () => {
    const dash = await cli(['score', 'fixtures/sample/listings.csv', '--summary-json', '-']);
    expect(dash.code).toBe(2);
    expect(dash.stderr).toContain('stdout carries the listings: name a file for the summary (--summary-json)');
    expect(dash.stdout).toBe('');
    const out = path.join(dir, 'same.jsonl');
    const same = await cli(['score', 'fixtures/sample/listings.csv', '-o', out, '--summary-json', out]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('the summary and the results cannot go to the same file');
    const input = await cli(['score', 'fixtures/sample/listings.csv', '--summary-json', 'fixtures/sample/listings.csv']);
    expect(input.code).toBe(2);
    expect(input.stderr).toContain('(--summary-json)');
  });
});
