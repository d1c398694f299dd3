import { describe, expect, it } from 'vitest';
import { cli, MINI } from './cli-helpers.js';

describe('wildsift explain (built binary)', () => {
  it('shows each hit with how it was found and its contribution, and the score', async () => {
    const r = (await cli(['explain', ...MINI, 'Vong tay nga voi, gia 3.500.000d, WhatsApp']));
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.find((l) => l.includes('mini.ivory'))).toMatch(/^\s*\+2\.70\s+product\s+mini\.ivory\s+"nga voi" \(text 9-16, term "ngà voi" \[vi\], diacritics, weight 2\.7\)\s+counted$/);
    expect(lines.find((l) => l.includes('"gia"'))).toMatch(/^\s*0\.00\s+trade_signal\s+mini\.sale\s+"gia" .*diacritics, weight 0\.9\)\s+same entry already counted$/);
    expect(lines.find((l) => l.includes('"WhatsApp"'))).toMatch(/^\s*\+1\.00\s+trade_signal\s+mini\.sale\s+"WhatsApp" .*exact, weight 1\)\s+counted$/);
    expect(r.stdout).toContain('product elephant_ivory: raw 3.7 = evidence 2.7 + forms 0 + trade 1 + context 0 + benign 0 + news 0; score 0.7087');
    expect(r.stdout).toContain('score = 1 - exp(-raw / 3) for raw > 0, else 0: raw 3.7 -> score 0.7087 (medium)');
    expect(r.stdout).toContain('flagged at threshold 0.5');
  });

  it('explains why something is not flagged', async () => {
    const r = (await cli(['explain', ...MINI, '--format', 'json', 'Tiger Balm, WhatsApp for sale']));
    const j = JSON.parse(r.stdout) as { score: number; flagged: boolean; hits: { entry: string; contribution: number; status: string }[] };
    expect(j.score).toBe(0);
    expect(j.flagged).toBe(false);
    expect(j.hits.map((h) => [h.entry, h.status])).toEqual([
      ['mini.tiger-balm', 'counted'],
      ['mini.tiger', 'counted'],
      ['mini.sale', 'counted'],
      ['mini.sale', 'repeat'],
    ]);
    expect(j.hits.reduce((a, h) => a + h.contribution, 0)).toBeCloseTo(-4 + 1 + 1, 6);
  });

  it('reads the text from stdin', async () => {
    const r = (await cli(['explain', ...MINI, '--format', 'json'], { input: 'genuine rhino horn\n' }));
    expect((JSON.parse(r.stdout) as { text: string; level: string }).level).toBe('medium');
  });

  it('says so when nothing matches', async () => {
    const r = (await cli(['explain', ...MINI, 'mountain bike']));
    expect(r.stdout).toContain('no lexicon entry matched');
    expect(r.stdout).toContain('not flagged');
  });

  it('says how many hits of a text repeating a phrase were not kept, in text and JSON, and the score record carries the count', async () => {
    const text = 'Vong tay nga voi, WhatsApp. '.repeat(130);
    const r = await cli(['explain', ...MINI, text]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^hits not kept: (\d+) more of entries already found 100 times in one field \(only an entry's best hit counts\)$/m);
    const notKept = Number(/hits not kept: (\d+)/.exec(r.stdout)![1]);
    expect(notKept).toBeGreaterThanOrEqual(2 * 30);
    const j = JSON.parse((await cli(['explain', ...MINI, '--format', 'json', text])).stdout) as { hits: { entry: string }[]; hits_not_kept?: number };
    expect(j.hits_not_kept).toBe(notKept);
    expect(j.hits.filter((h) => h.entry === 'mini.ivory')).toHaveLength(100);
    const s = await cli(['score', ...MINI, '--all-hits', '-'], { input: `id,title\n1,"${text}"\n2,Vong tay nga voi\n` });
    const recs = s.stdout.trim().split('\n').map((l) => JSON.parse(l) as { id: string; hits_not_kept?: number });
    expect(recs.find((x) => x.id === '1')!.hits_not_kept).toBe(notKept);
    expect(recs.find((x) => x.id === '2')).not.toHaveProperty('hits_not_kept');
  });
});
