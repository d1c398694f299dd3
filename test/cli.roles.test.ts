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
});
