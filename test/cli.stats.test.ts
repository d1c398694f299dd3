import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { cli, MINI } from './cli-helpers.js';

describe('wildsift stats (built binary)', () => {
  it('counts listings, flagged listings and groups per product, language, level and column', async () => {
    const r = (await cli(['stats', ...MINI, 'test/fixtures/dups.jsonl', '--by', 'id', '-f', 'json']));
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as Record<string, any>;
    expect(s.schema).toBe('wildsift.stats/1');
    // A, B and D are reposts of one flagged ad: three flagged listings, one flagged group
    expect(s).toMatchObject({ listings: 5, flagged: 3, groups: 3, flagged_groups: 1 });
    expect(s.by_product[0]).toEqual({ value: 'rhino_horn', listings: 3, flagged: 3, groups: 1 });
    expect(s.by_language[0]).toMatchObject({ value: 'en', flagged: 3, groups: 1 });
    expect(s.by.id.map((x: any) => x.value).slice(0, 3)).toEqual(['A', 'B', 'D']);
    expect(s.histogram.reduce((n: number, b: any) => n + b.listings, 0)).toBe(5);
  });

  it('buckets dates by month and reads scored JSONL with --scored', async () => {
    const scored = (await cli(['score', '-q', 'fixtures/sample/listings.csv'])).stdout;
    const a = JSON.parse((await cli(['stats', 'fixtures/sample/listings.csv', '--by', 'posted:month', '-f', 'json'])).stdout) as Record<string, any>;
    const b = JSON.parse((await cli(['stats', '--scored', '-', '--by', 'posted:month', '-f', 'json'], { input: scored })).stdout) as Record<string, any>;
    expect(a.by['posted:month'].every((x: any) => /^\d{4}-\d{2}$/.test(x.value))).toBe(true);
    expect(b).toEqual(a);
    expect(a.top_sellers.length).toBeGreaterThan(0);
    expect(a.seller_field).toBe('seller');
  });

  it('writes CSV and a table', async () => {
    const rows = parse((await cli(['stats', 'fixtures/sample/listings.csv', '-f', 'csv'])).stdout, { columns: true }) as Record<string, string>[];
    expect(rows[0]).toEqual({ dimension: 'total', value: 'all', listings: '112', flagged: '47', groups: '47' });
    expect((await cli(['stats', 'fixtures/sample/listings.csv'])).stdout).toMatch(/^112 listings, 47 flagged at threshold 0.5; 112 near-duplicate groups, 47 of them flagged/);
  });
});
