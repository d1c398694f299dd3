/**
 * The cluster recipes of docs/scale.md, run for real: GNU parallel --pipe and
 * a local Dask cluster (map_partitions calling `wildsift score -`) must give
 * every listing the score, level, products and hits of a single run, and
 * `merge` of their outputs the single run's ranking. `.ci/run` installs the
 * Debian packages `parallel` and `python3-distributed`; without them these
 * tests are skipped.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, jsonLines } from './cli-helpers.js';

const CORPORA = ['fixtures/sample/listings.csv', ...['latin', 'asia', 'dealers', 'talk', 'news', 'products-asia', 'products-latin'].map((n) => `fixtures/eval/labelled-${n}.csv`)];
const PY = '/usr/bin/python3';
const hasParallel = spawnSync('parallel', ['--version'], { encoding: 'utf8' }).status === 0;
const hasDask = spawnSync(PY, ['-c', 'import dask.bag, distributed'], { encoding: 'utf8' }).status === 0;

const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-engines-'));
const input = path.join(dir, 'listings.jsonl');
const env = { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}` };
const SCORE = `node ${BIN} score - --input-format jsonl -f jsonl --no-sort --jobs 1 --quiet --no-progress`;

/** What must not depend on how the input was cut: everything but where the row came from and its group number. */
const essence = (r: any) => ({ id: r.id, score: r.score, raw: r.raw, level: r.level, flagged: r.flagged, products: r.products, lexicons: r.lexicons, hits: r.hits });
const byId = (recs: any[]) => new Map(recs.map((r) => [r.id, essence(r)]));

let single: any[] = [];
let singleRanked: any[] = [];
beforeAll(() => {
  // every bundled corpus as one JSONL file, ids made unique (about 2,000 listings, 2.5 MB)
  // one schema for all (the fields to score are chosen from the first record of an input, and a chunk's first
  // record must not choose differently): every column of every corpus, empty where a corpus lacks it
  const rows = CORPORA.flatMap((f) => (parse(readFileSync(f), { columns: true, bom: true }) as Record<string, string>[]).map((r): Record<string, string> => ({ ...r, id: `${path.basename(f, '.csv')}:${r.id}` })));
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const lines = rows.map((r) => JSON.stringify(Object.fromEntries(keys.map((k) => [k, r[k] ?? '']))));
  writeFileSync(input, lines.join('\n') + '\n');
  single = jsonLines(spawnSync('bash', ['-c', `${SCORE} < ${input}`], { encoding: 'utf8', env, maxBuffer: 1 << 28 }).stdout);
  singleRanked = jsonLines(spawnSync(process.execPath, [BIN, 'score', input, '-q', '-f', 'jsonl', '--jobs', '1'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
  expect(single.length).toBe(lines.length);
});

function expectSameListings(got: any[]): void {
  expect(got).toHaveLength(single.length);
  const want = byId(single);
  const have = byId(got);
  expect(have.size).toBe(want.size);
  let differences = 0;
  for (const [id, w] of want) if (JSON.stringify(have.get(id)) !== JSON.stringify(w)) differences++;
  expect(differences).toBe(0);
}

function expectSameRanking(file: string): void {
  const merged = jsonLines(spawnSync(process.execPath, [BIN, 'merge', file, '-q'], { encoding: 'utf8', maxBuffer: 1 << 28 }).stdout) as any[];
  expect(merged.map((r) => [r.rank, r.id, r.score])).toEqual(singleRanked.map((r) => [r.rank, r.id, r.score]));
}

describe.skipIf(!hasParallel)('GNU parallel --pipe (docs/scale.md)', () => {
  it('scores chunks in parallel with the results of a single run, and merge gives its ranking', () => {
    const out = path.join(dir, 'parallel.jsonl');
    const r = spawnSync('bash', ['-c', `parallel --pipe --block 200k --keep-order -j 2 '${SCORE}' < ${input} > ${out}`], { encoding: 'utf8', env, timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const got = jsonLines(readFileSync(out, 'utf8'));
    // cut into several chunks: rows restart at 1 in each
    expect(got.filter((x: any) => x.row === 1).length).toBeGreaterThan(3);
    expectSameListings(got);
    expectSameRanking(out);
  }, 180_000);
});

describe.skipIf(!hasDask)('a local Dask cluster, map_partitions over `wildsift score -` (docs/scale.md)', () => {
  it('gives every listing the result of a single run, and merge gives its ranking', () => {
    const out = path.join(dir, 'dask.jsonl');
    const r = spawnSync(PY, ['test/engines/dask_score.py', BIN, input, out, '300000'], { encoding: 'utf8', env, timeout: 170_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(Number(/partitions (\d+)/.exec(r.stderr)?.[1])).toBeGreaterThan(3);
    const got = jsonLines(readFileSync(out, 'utf8'));
    expectSameListings(got);
    expectSameRanking(out);
  }, 180_000);
});
