// Field roles end to end: a bio is context (corroborates, never evidence alone),
// chosen by default by its name, by --context, or not at all with --context none.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, jsonLines } from './cli-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-roles-'));
const file = path.join(dir, 'posts.csv');
writeFileSync(file, [
  'id,title,description,bio',
  'P1,Russian silver vodka cup,"Hallmarked, 1890s, 120 g. $300",Antique ivory carvings and netsuke. Worldwide shipping.',
  'P2,Cane handle,"Victorian, carved ivory, 11.5 cm. $450",Antique ivory carvings and netsuke. Worldwide shipping.',
  'P3,Cane handle,"Victorian, ivory, 11.5 cm",Estate jewellery and silver since 1890.',
  '',
].join('\n'));

describe('field roles (built binary)', () => {
  it('scores a bio as context by default: the dealer\'s silver cup is not flagged, its ivory handle is', async () => {
    const r = await cli(['score', file, '-f', 'jsonl', '--quiet', '--no-sort']);
    expect(r.code).toBe(0);
    const recs = jsonLines(r.stdout) as any[];
    const byId = Object.fromEntries(recs.map((x) => [x.id, x]));
    expect(byId.P1.score).toBe(0);
    expect(byId.P1.hits.filter((h: any) => h.field === 'bio').every((h: any) => h.role === 'context' && h.contribution === 0)).toBe(true);
    expect(byId.P2.flagged).toBe(true);
    // the bio's evidence adds context (here scaled down with the rest: context is at most the evidence)
    const ctx = byId.P2.hits.find((h: any) => h.field === 'bio' && h.kind === 'product' && h.contribution > 0);
    expect(ctx).toMatchObject({ role: 'context', status: 'capped', match: 'ivory carvings' });
    expect(byId.P2.hits.filter((h: any) => h.field !== 'bio').every((h: any) => h.role === 'item')).toBe(true);
  });

  it('--context none leaves the bio unscored; naming it in --text scores it as the item, as before', async () => {
    const none = jsonLines((await cli(['score', file, '--context', 'none', '-f', 'jsonl', '--quiet', '--no-sort'])).stdout) as any[];
    expect(none.every((x) => x.hits.every((h: any) => h.field !== 'bio'))).toBe(true);
    const asItem = jsonLines((await cli(['score', file, '--text', 'title,description,bio', '-f', 'jsonl', '--quiet', '--no-sort'])).stdout) as any[];
    expect(asItem.find((x) => x.id === 'P1').flagged).toBe(true);
    const named = jsonLines((await cli(['score', file, '--text', 'title,description,bio', '--context', 'bio', '-f', 'jsonl', '--quiet', '--no-sort'])).stdout) as any[];
    expect(named.find((x) => x.id === 'P1').score).toBe(0);
  });

  it('a missing --context field is an error naming the fields present (exit 2)', async () => {
    const r = await cli(['score', file, '--context', 'seller_bio']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('context field "seller_bio" not found; fields present: id, title, description, bio');
    expect(r.stdout).toBe('');
  });

  it('explain --bio shows the context hits and their role', async () => {
    const r = await cli(['explain', '--no-color', '--bio', 'Antique ivory carvings, worldwide shipping', 'ivory, 11.5 cm']);
    expect(r.stdout).toMatch(/\+\d\.\d\d\s+product\s+\S+\s+"ivory carvings" \(bio \[context\] 8-22/);
    expect(r.stdout).toMatch(/near ivory\.ivory-ambiguous/);
    const j = JSON.parse((await cli(['explain', '-f', 'json', '--bio', 'Antique ivory carvings', 'ivory'])).stdout);
    expect(j.bio).toBe('Antique ivory carvings');
    expect(j.hits.find((h: any) => h.field === 'bio' && h.status === 'context').role).toBe('context');
    expect(j.length).toEqual({ tokens: 1, factor: 1 });
  });

  // The four ways real posts failed (issue 14), each with the hit that now decides it.
  describe('explain shows what decided each of the four kinds of failure', () => {
    it('1. field roles: the bio\'s ivory is context and cannot flag a silver cup', async () => {
      const r = await cli(['explain', '--no-color', '--bio', 'Auctioneers and valuers since 1890. Antique ivory carvings, worldwide shipping.',
        'Russian silver vodka cup, hallmarked, $300']);
      expect(r.stdout).toMatch(/0\.00\s+product\s+ivory\.elephant-ivory-names\s+"ivory carvings" \(bio \[context\] [^)]*\)\s+no product evidence in the item fields/);
      expect(r.stdout).toContain('not flagged at threshold 0.5');
      const bare = await cli(['explain', '--no-color', '--bio', 'Antique ivory carvings and netsuke. Worldwide shipping.', 'Cane handle, ivory, 11.5 cm. $450']);
      expect(bare.stdout).toMatch(/\+0\.\d\d\s+product\s+ivory\.elephant-ivory-names\s+"ivory carvings" \(bio \[context\]/);
      expect(bare.stdout).toMatch(/context 0\.\d+ \+ benign/);
      expect(bare.stdout).toContain('flagged at threshold 0.5');
    });

    it('2. material versus colour: the noun or period next to "ivory" decides', async () => {
      const cane = await cli(['explain', '--no-color', 'Victorian ivory cane handle']);
      expect(cane.stdout).toMatch(/\+0\.75\s+product_form\s+cues\.ivory-periods\s+"Victorian" .*counted; near ivory\.ivory-ambiguous/);
      expect(cane.stdout).toContain('flagged at threshold 0.5');
      const silk = await cli(['explain', '--no-color', 'Ivory silk blouse, size 10, $40']);
      expect(silk.stdout).toMatch(/-3\.00\s+benign\s+\S+\s+"silk" .*counted; near ivory\.ivory-ambiguous/);
      expect(silk.stdout).toContain('not flagged at threshold 0.5');
    });

    it('3. talk versus offer: a ban on selling is discussion, and its "selling" counts nothing', async () => {
      const r = await cli(['explain', '--no-color', 'Complete ban on selling ivory! Oppose the bill, please share']);
      expect(r.stdout).toMatch(/-2\.50\s+news\s+discussion\.sale-ban\s+"Complete ban"/);
      expect(r.stdout).toMatch(/0\.00\s+trade_signal\s+trade-signals\.explicit-sale\s+"selling" .*inside a longer hit \(discussion\.sale-ban\)/);
      expect(r.stdout).toContain('not flagged at threshold 0.5');
    });

    it('4. length: page chrome in a long article is scaled down, and the length line says by how much', async () => {
      const chrome = 'Related: buy now, call 0912345678, price $20, free shipping.';
      const filler = 'the officers said the case continues. '.repeat(60);
      const long = await cli(['explain', '--no-color', '-f', 'json', `Rhino horn pieces. ${filler}${chrome}`]);
      const short = await cli(['explain', '--no-color', '-f', 'json', `Rhino horn pieces. ${chrome}`]);
      const lj = JSON.parse(long.stdout);
      const sj = JSON.parse(short.stdout);
      expect(lj.length.tokens).toBeGreaterThan(300);
      expect(lj.length.factor).toBeLessThan(0.7);
      expect(sj.length.factor).toBe(1);
      expect(lj.score).toBeLessThan(sj.score);
      const text = await cli(['explain', '--no-color', `Rhino horn pieces. ${filler}${chrome}`]);
      expect(text.stdout).toMatch(/length: \d+ tokens in the item fields: forms, trade and context scaled by 0\.\d+/);
    });
  });

  it('a seizure report ranks below an offer of the same product, in en, vi, zh, id, th and es', async () => {
    const r = await cli(['score', 'test/fixtures/offer-vs-report.csv', '-f', 'jsonl', '--quiet', '--no-sort']);
    expect(r.code).toBe(0);
    const recs = jsonLines(r.stdout) as any[];
    const by = Object.fromEntries(recs.map((x) => [x.id, x]));
    for (const lang of ['en', 'vi', 'zh', 'id', 'th', 'es']) {
      expect(by[`${lang}-o`].flagged, lang).toBe(true);
      expect(by[`${lang}-n`].flagged, lang).toBe(false);
      expect(by[`${lang}-n`].score, lang).toBeLessThan(by[`${lang}-o`].score);
      expect(by[`${lang}-n`].hits.some((h: any) => h.kind === 'news' && h.contribution < 0), lang).toBe(true);
    }
  });
});
