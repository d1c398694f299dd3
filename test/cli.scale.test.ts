import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { cli, jsonLines } from './cli-helpers.js';

const CORPUS = ['fixtures/eval/labelled-latin.csv', 'fixtures/eval/labelled-asia.csv'];

describe('score --jobs (built binary)', () => {
  it.each([
    [['-f', 'jsonl']],
    [['-f', 'json']],
    [['-f', 'csv']],
    [['-f', 'table', '--no-color']],
    [['--no-sort']],
    [['--top', '25', '-f', 'csv']],
    [['--flagged-only', '--min-score', '0.6']],
  ])('writes the same bytes with --jobs 1 and --jobs 3: %j', (args) => {
    const one = cli(['score', '-q', '--jobs', '1', ...args, ...CORPUS]);
    const three = cli(['score', '-q', '--jobs', '3', ...args, ...CORPUS]);
    expect(one.code).toBe(0);
    expect(three.code).toBe(0);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(three.stdout).toBe(one.stdout);
  });
});

describe('score --no-sort and --top (built binary)', () => {
  const ranked = jsonLines(cli(['score', '-q', ...CORPUS]).stdout);
  it('writes input order with rank null under --no-sort', () => {
    const unsorted = jsonLines(cli(['score', '-q', '--no-sort', ...CORPUS]).stdout);
    expect(unsorted).toHaveLength(640);
    expect(unsorted.every((r) => r.rank === null)).toBe(true);
    expect(unsorted.slice(0, 3).map((r) => [r.source, r.row])).toEqual([[CORPUS[0], 1], [CORPUS[0], 2], [CORPUS[0], 3]]);
    // the same records as the ranking, apart from the rank
    const strip = (rs: Record<string, unknown>[]) => rs.map(({ rank: _r, ...x }) => JSON.stringify(x)).sort();
    expect(strip(unsorted)).toEqual(strip(ranked));
  });
  it('keeps exactly the head of the full ranking with --top', () => {
    const top = jsonLines(cli(['score', '-q', '--top', '40', ...CORPUS]).stdout);
    expect(top).toEqual(ranked.slice(0, 40));
  });
});

describe('merge (built binary)', () => {
  it('merges shard outputs into the ranking of a single run', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-shards-'));
    const rows = parse(readFileSync(CORPUS[1]!), { columns: true }) as Record<string, string>[];
    const whole = path.join(dir, 'all.csv');
    writeFileSync(whole, stringify(rows, { header: true }));
    const shards = [0, 1, 2, 3].map((i) => {
      const f = path.join(dir, `shard${i}.csv`);
      writeFileSync(f, stringify(rows.slice(i * 80, (i + 1) * 80), { header: true }));
      return f;
    });
    const single = jsonLines(cli(['score', '-q', whole]).stdout);
    // shards scored separately, one ranked and the others in input order, as a cluster would
    const outs = shards.map((s, i) => {
      const o = path.join(dir, `shard${i}.jsonl`);
      writeFileSync(o, cli(['score', '-q', ...(i === 0 ? [] : ['--no-sort']), s]).stdout);
      return o;
    });
    const m = cli(['merge', ...outs]);
    expect(m.code).toBe(0);
    expect(m.stderr).toMatch(/^wildsift: 320 records from 4 files merged; 320 written/);
    const merged = jsonLines(m.stdout);
    // source and row name the shard and groups are per run; everything else is the single run's
    const strip = (rs: Record<string, unknown>[]) => rs.map(({ source: _s, row: _r, group: _g, ...x }) => x);
    expect(strip(merged)).toEqual(strip(single));
    expect(merged.every((r) => r.group === null)).toBe(true);
  });
  it('rejects a line that is not a score record with its row, line and reason, like any bad record', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-merge-'));
    const good = cli(['score', '-q', '--no-groups', 'fixtures/formats/listings.jsonl']).stdout.split('\n')[0]!;
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, `${good}\n\n{"title":"x"}\n{"score":0.5,"level":"medium","flagged":true}\n`);
    const r = cli(['merge', bad]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${bad}: row 2 (line 3) rejected: not a wildsift score record (wildsift.score/1): id, source, row, score, level, flagged, products, hits, fields missing`);
    expect(r.stderr).toContain(`${bad}: row 3 (line 4) rejected: not a wildsift score record (wildsift.score/1): id, source, row, products, hits, fields missing`);
    expect(r.stderr).toContain('wildsift: 1 record from 1 file merged (2 lines rejected); 1 written');
    expect(jsonLines(r.stdout)).toHaveLength(1);
    const strict = cli(['merge', '--on-error', 'fail', bad]);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`${bad}: row 2 (line 3): not a wildsift score record`);
  });
});
