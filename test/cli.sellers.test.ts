/** wildsift sellers: accounts ranked by distinct flagged offers (reposts once), with their evidence and profile. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { cli, jsonLines } from './cli-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-sellers-'));
const ad = 'Vòng tay ngà voi thật 62mm, giá 3.500.000đ, ship COD toàn quốc, Zalo 09xx';
const rows = [
  // a: one ad posted three times (near-duplicates), and one other offer
  { id: 'A1', seller: 'shop_a', bio: 'Đồ mỹ nghệ ngà voi, sừng, móng. Ship toàn quốc', title: 'Vòng ngà voi', description: ad },
  { id: 'A2', seller: 'shop_a', bio: '', title: 'Vòng ngà voi', description: `${ad}!` },
  { id: 'A3', seller: 'shop_a', bio: '', title: 'Vòng ngà voi', description: `${ad} !!` },
  { id: 'A4', seller: 'shop_a', bio: '', title: 'Móng hổ bọc bạc', description: 'Móng hổ thật bọc bạc, giá 2.500.000đ, ship COD, ib Zalo' },
  // b: three different offers
  { id: 'B1', seller: '<b>dealer</b>', bio: 'Antique ivory and netsuke, worldwide shipping', title: 'Carved ivory netsuke, Meiji', description: 'Genuine elephant ivory netsuke, 4.5 cm. $450, PayPal' },
  { id: 'B2', seller: '<b>dealer</b>', bio: '', title: 'Rhino horn cup', description: 'Real rhino horn libation cup, 120 g. Price on request, WhatsApp' },
  { id: 'B3', seller: '<b>dealer</b>', bio: '', title: 'Hawksbill tortoiseshell comb', description: 'Real hawksbill tortoiseshell comb, 14 cm. $120, ships worldwide' },
  // c: no offers
  { id: 'C1', seller: 'shop_c', bio: 'Bridal boutique', title: 'Ivory lace wedding dress', description: 'Ivory lace wedding dress, size 10, worn once' },
];
const file = path.join(dir, 'posts.csv');
writeFileSync(file, stringify(rows, { header: true }));

describe('wildsift sellers (built binary)', () => {
  it('ranks by distinct flagged offers: reposts count once; shows products, strongest offers with evidence, and the bio', async () => {
    const r = await cli(['sellers', file, '-f', 'jsonl']);
    expect(r.code).toBe(0);
    const s = jsonLines(r.stdout) as any[];
    expect(s.map((x) => x.seller)).toEqual(['<b>dealer</b>', 'shop_a']);
    const [b, a] = s;
    expect(b).toMatchObject({ rank: 1, offers: 3, flagged: 3, listings: 3, seller_field: 'seller' });
    expect(a).toMatchObject({ rank: 2, offers: 2, flagged: 4, listings: 4 });
    expect(new Set(b.products)).toEqual(new Set(['elephant_ivory', 'rhino_horn', 'hawksbill']));
    expect(a.top).toHaveLength(2);
    expect(a.top[0].evidence.some((e: any) => e.match.toLowerCase().includes('ngà voi'))).toBe(true);
    expect(a.profile).toEqual({ bio: 'Đồ mỹ nghệ ngà voi, sừng, móng. Ship toàn quốc' });
    expect(b.evidence).toBeCloseTo(b.top.reduce((n: number, o: any) => n + o.score, 0), 3);
    expect(r.stderr).toContain('8 listings of 3 accounts ("seller"); 2 accounts with flagged listings shown');
  });

  it('gives the same ranking from scored JSONL, and as CSV and a table', async () => {
    const scored = path.join(dir, 'scored.jsonl');
    writeFileSync(scored, (await cli(['score', file, '-f', 'jsonl', '-q'])).stdout);
    const a = jsonLines((await cli(['sellers', file, '-f', 'jsonl', '-q'])).stdout) as any[];
    const b = jsonLines((await cli(['sellers', '--scored', scored, '-f', 'jsonl', '-q'])).stdout) as any[];
    expect(b.map((x) => [x.seller, x.offers, x.flagged, x.evidence])).toEqual(a.map((x) => [x.seller, x.offers, x.flagged, x.evidence]));
    const csv = parse((await cli(['sellers', file, '-f', 'csv', '-q'])).stdout, { columns: true }) as any[];
    expect(csv.map((x) => [x.seller, Number(x.offers)])).toEqual(a.map((x) => [x.seller, x.offers]));
    const table = (await cli(['sellers', file, '--no-color', '-q'])).stdout.split('\n');
    expect(table[1]).toMatch(/^\s+1\s+<b>dealer<\/b>\s+3\s+3\s+3\s/);
  });

  it('says which field is missing (exit 2); the HTML report has the accounts, escaped', async () => {
    const r = await cli(['sellers', 'fixtures/eval/labelled-asia.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no "seller" field: name the field that holds the account; fields present: id, split, platform');
    const other = await cli(['sellers', file, '--seller-field', 'shop']);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('no record has the field "shop"');
    const html = path.join(dir, 'r.html');
    expect((await cli(['report', file, '-o', html, '-q'])).code).toBe(0);
    const page = readFileSync(html, 'utf8');
    const section = page.slice(page.indexOf('<h2>Accounts by evidence'));
    expect(section).toContain('&lt;b&gt;dealer&lt;/b&gt;');
    expect(section).not.toContain('<b>dealer</b>');
    expect(section.indexOf('&lt;b&gt;dealer')).toBeLessThan(section.indexOf('shop_a'));
  });
});
