import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { cli, jsonLines, type CliResult } from './cli-helpers.js';

const SAMPLE = 'fixtures/sample/listings.csv';

describe('sample listings with the built-in lexicons (built binary)', () => {
  const input = parse(readFileSync(SAMPLE), { columns: true }) as Record<string, string>[];
  type Out = { id: string; rank: number; row: number; score: number; flagged: boolean; products: string[]; fields: Record<string, string> };
  let r: CliResult;
  let out: Out[] = [];
  beforeAll(async () => {
    r = await cli(['score', SAMPLE]);
    out = jsonLines(r.stdout) as Out[];
  });

  it('is a realistic multilingual fixture with offers and hard negatives', async () => {
    expect(input.length).toBeGreaterThanOrEqual(80);
    expect(new Set(input.map((x) => x.lang)).size).toBeGreaterThanOrEqual(4);
    expect(input.filter((x) => x.label === 'offer').length).toBeGreaterThan(30);
    expect(input.filter((x) => x.label === 'negative').length).toBeGreaterThan(30);
  });

  it('emits one valid JSON object per input row, on stdout only', async () => {
    expect(r.code).toBe(0);
    expect(out).toHaveLength(input.length);
    expect(new Set(out.map((x) => x.row)).size).toBe(input.length);
    expect(out.map((x) => x.rank)).toEqual(input.map((_, i) => i + 1));
    expect(r.stderr).toMatch(new RegExp(`^wildsift: ${input.length} rows read, ${input.length} scored, 0 rejected`));
  });

  it('ranks every offer above every hard negative', async () => {
    const offers = out.filter((x) => x.fields.label === 'offer');
    const negatives = out.filter((x) => x.fields.label === 'negative');
    const lowestOffer = Math.max(...offers.map((x) => x.rank));
    const highestNegative = Math.min(...negatives.map((x) => x.rank));
    const misplaced = [
      ...offers.filter((x) => x.rank > highestNegative).map((x) => `offer ${x.id} at rank ${x.rank} (${x.score})`),
      ...negatives.filter((x) => x.rank < lowestOffer).map((x) => `negative ${x.id} at rank ${x.rank} (${x.score})`),
    ];
    expect(misplaced).toEqual([]);
  });

  it('flags the offers and names their product', async () => {
    const offers = out.filter((x) => x.fields.label === 'offer');
    expect(offers.filter((x) => !x.flagged).map((x) => x.id)).toEqual([]);
    const wrong = offers.filter((x) => x.products[0] !== x.fields.product && !(x.fields.product === 'mammoth_ivory' && x.products.includes('mammoth_ivory')));
    // a few multi-product ads are allowed to lead with another product
    expect(wrong.length).toBeLessThanOrEqual(3);
    expect(out.filter((x) => x.fields.label === 'negative' && x.flagged).map((x) => x.id)).toEqual([]);
  });
});
