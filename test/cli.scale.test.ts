import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { cli, jsonLines, spawnCli } from './cli-helpers.js';

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
    // worker threads: in a real process
    const one = spawnCli(['score', '-q', '--jobs', '1', ...args, ...CORPUS]);
    const three = spawnCli(['score', '-q', '--jobs', '3', ...args, ...CORPUS]);
    expect(one.code).toBe(0);
    expect(three.code).toBe(0);
    expect(one.stdout.length).toBeGreaterThan(1000);
    expect(three.stdout).toBe(one.stdout);
  });
});

describe('score --no-sort and --top (built binary)', () => {
  let ranked: Record<string, unknown>[] = [];
  beforeAll(async () => {
    ranked = jsonLines((await cli(['score', '-q', ...CORPUS])).stdout);
  });
  it('writes input order with rank null under --no-sort', async () => {
    const unsorted = jsonLines((await cli(['score', '-q', '--no-sort', ...CORPUS])).stdout);
    expect(unsorted).toHaveLength(640);
    expect(unsorted.every((r) => r.rank === null)).toBe(true);
    expect(unsorted.slice(0, 3).map((r) => [r.source, r.row])).toEqual([[CORPUS[0], 1], [CORPUS[0], 2], [CORPUS[0], 3]]);
    // the same records as the ranking, apart from the rank
    const strip = (rs: Record<string, unknown>[]) => rs.map(({ rank: _r, ...x }) => JSON.stringify(x)).sort();
    expect(strip(unsorted)).toEqual(strip(ranked));
  });
  it('keeps exactly the head of the full ranking with --top', async () => {
    const top = jsonLines((await cli(['score', '-q', '--top', '40', ...CORPUS])).stdout);
    expect(top).toEqual(ranked.slice(0, 40));
  });
});

describe('merge (built binary)', () => {
  it('merges shard outputs into the ranking of a single run', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-shards-'));
    const rows = parse(readFileSync(CORPUS[1]!), { columns: true }) as Record<string, string>[];
    const whole = path.join(dir, 'all.csv');
    writeFileSync(whole, stringify(rows, { header: true }));
    const shards = [0, 1, 2, 3].map((i) => {
      const f = path.join(dir, `shard${i}.csv`);
      writeFileSync(f, stringify(rows.slice(i * 80, (i + 1) * 80), { header: true }));
      return f;
    });
    const single = jsonLines((await cli(['score', '-q', whole])).stdout);
    // shards scored separately, one ranked and the others in input order, as a cluster would
    const outs: string[] = [];
    for (const [i, s] of shards.entries()) {
      const o = path.join(dir, `shard${i}.jsonl`);
      writeFileSync(o, (await cli(['score', '-q', ...(i === 0 ? [] : ['--no-sort']), s])).stdout);
      outs.push(o);
    }
    const m = (await cli(['merge', ...outs]));
    expect(m.code).toBe(0);
    expect(m.stderr).toMatch(/^wildsift: 320 records from 4 files merged; 320 written/);
    const merged = jsonLines(m.stdout);
    // source and row name the shard and groups are per run; everything else is the single run's
    const strip = (rs: Record<string, unknown>[]) => rs.map(({ source: _s, row: _r, group: _g, ...x }) => x);
    expect(strip(merged)).toEqual(strip(single));
    expect(merged.every((r) => r.group === null)).toBe(true);
  });
  it('rejects a line that is not a score record with its row, line and reason, like any bad record', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-merge-'));
    const good = (await cli(['score', '-q', '--no-groups', 'fixtures/formats/listings.jsonl'])).stdout.split('\n')[0]!;
    const bad = path.join(dir, 'bad.jsonl');
    writeFileSync(bad, `${good}\n\n{"title":"x"}\n{"score":0.5,"level":"medium","flagged":true}\n`);
    const r = (await cli(['merge', bad]));
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`${bad}: row 2 (line 3) rejected: not a wildsift score record (wildsift.score/2): id, source, row, score, level, flagged, products, hits, fields, lexicons, schema missing`);
    expect(r.stderr).toContain(`${bad}: row 3 (line 4) rejected: not a wildsift score record (wildsift.score/2): id, source, row, products, hits, fields, lexicons, schema missing`);
    expect(r.stderr).toContain('wildsift: 1 record from 1 file merged (2 lines rejected); 1 written');
    expect(jsonLines(r.stdout)).toHaveLength(1);
    const strict = (await cli(['merge', '--on-error', 'fail', bad]));
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain(`${bad}: row 2 (line 3): not a wildsift score record`);
  });
});

describe('merge on a tied-score corpus (built binary)', () => {
  // 4000 listings in 4 inputs; most share one of a few scores (the same offer
  // posted again and again under new ids), so the input-order tie rule decides
  // most of the ranking
  const texts = [
    'Old carved ivory bangle, genuine elephant ivory, WhatsApp for price',
    'Rhino horn cup, real horn, cash only, ship worldwide',
    'Pangolin scales 1 kg, dried, DM me',
    'Bone china tea set, 12 pieces, like new',
    'Ivory silk wedding dress, size 10',
    'Tiger Balm white ointment, 30 g',
  ];
  const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-ties-'));
  const shards = [0, 1, 2, 3].map((s) => {
    const f = path.join(dir, `s${s}.csv`);
    const rows = Array.from({ length: 1000 }, (_, i) => ({ id: `L${s}-${i}`, title: texts[(i * 7 + s) % 5 === 0 ? 5 : (i * 7 + s) % 3]!, price: String(i) }));
    writeFileSync(f, stringify(rows, { header: true }));
    return f;
  });
  it.each([['jsonl'], ['json'], ['csv']] as const)('equals one run byte for byte: %s', async (format) => {
    const single = await cli(['score', '-q', '--no-groups', '-f', format, ...shards]);
    expect(single.code).toBe(0);
    const outs: string[] = [];
    for (const [i, s] of shards.entries()) {
      const o = path.join(dir, `s${i}.${format}.out.jsonl`);
      writeFileSync(o, (await cli(['score', '-q', '--no-groups', ...(i % 2 === 1 ? ['--no-sort'] : []), s])).stdout);
      outs.push(o);
    }
    const merged = await cli(['merge', '-f', format, ...outs]);
    expect(merged.code).toBe(0);
    expect(merged.stdout.length).toBeGreaterThan(100_000);
    expect(merged.stdout).toBe(single.stdout);
  });
  it('keeps input order among equal scores in a single run', async () => {
    const recs = jsonLines((await cli(['score', '-q', '--no-groups', ...shards])).stdout) as { score: number; source: string; row: number }[];
    expect(recs).toHaveLength(4000);
    const distinct = new Set(recs.map((r) => r.score));
    expect(distinct.size).toBeLessThan(10);
    for (let i = 1; i < recs.length; i++) {
      const a = recs[i - 1]!;
      const b = recs[i]!;
      expect(a.score).toBeGreaterThanOrEqual(b.score);
      const before = shards.indexOf(a.source) < shards.indexOf(b.source) || (a.source === b.source && a.row < b.row);
      if (a.score === b.score) expect(before).toBe(true);
    }
  });
});
