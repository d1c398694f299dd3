/**
 * The score table fits the terminal: no line is wider than the columns it is
 * given, measured in display width (CJK and emoji 2, combining marks 0),
 * with colour on or off; cells are cut at grapheme boundaries.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import stringWidth from 'string-width';
import { excerpt, tableLayout, tableWriter } from '../src/output/writers.js';
import { loadDisplayWidths } from '../src/core/display.js';

await loadDisplayWidths();
import type { Compact } from '../src/output/record.js';
import type { HitRecord } from '../src/core/explain.js';
import { cli, MINI } from './cli-helpers.js';

/** The CLI in this process with a terminal of `columns` (what main.ts passes from process.stdout.columns). */
const cliAt = (args: string[], columns: number | undefined, opts: { input?: string; env?: Record<string, string> } = {}) => cli(args, { ...opts, ...(columns !== undefined ? { columns } : {}) });

const widest = (s: string) => Math.max(...s.split('\n').map((l) => stringWidth(l)));

/** Rows of every kind of wide and narrow text, as JSON Lines. */
const WIDE = [
  { id: '穿山甲片穿山甲片穿山甲片', title: '穿山甲片 生甲片 500克 野生穿山甲片，干货无杂质：500克 ¥1500 1公斤 ¥2800 药用，量大从优 rhino horn', description: '正品犀牛角片 50克 可磨粉 非洲犀牛角切片，50克，可磨粉入药。¥12000，保真，假一赔十。加V详聊，顺丰到付' },
  { id: 'VN-đồi-mồi-001', title: 'Vòng đồi mồi tự nhiên 🐢 ngà voi chế tác, móng hổ bọc bạc: 2.500.000đ giá tốt, whatsapp', description: 'Vòng tay đồi mồi thật, bản 1,2 cm, hàng hiếm' },
  { id: '🐘🐘🐘🐘🐘🐘🐘🐘', title: '🐘🦏🐯👩‍👩‍👧🇻🇳 elephant ivory 🐘🦏🐯 for sale 🐘🦏🐯🐘🦏🐯🐘🦏🐯🐘🦏🐯🐘🦏🐯 🐘🦏🐯', description: '🐯'.repeat(80) },
  // combining marks (Vietnamese written decomposed, stacked accents)
  { id: 'combi\u0301ning', title: 'nga\u0300 voi '.repeat(3) + 'e\u0301\u0302\u0323'.repeat(60) + ' rhino horn', description: 'Zalgo t\u0336\u0337e\u0338\u0339x\u033at '.repeat(10) },
  { id: 'plain', title: 'Real rhino horn cup, old, '.repeat(8), description: 'x'.repeat(300) },
].map((r) => JSON.stringify(r)).join('\n') + '\n';

describe('the table fits the terminal', () => {
  beforeAll(async () => { await cliAt(['--version'], undefined); });

  it.each([60, 100, 120, 80, 50, 42])('at %i columns no line is wider, colour on or off', async (columns) => {
    for (const env of [{}, { FORCE_COLOR: '1' }] as Record<string, string>[]) {
      const r = await cliAt(['score', ...MINI, '--quiet', '-f', 'table', '-'], columns, { input: WIDE, env });
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n').filter((l) => l !== '').length).toBe(6);
      expect(widest(r.stdout)).toBeLessThanOrEqual(columns);
    }
  });

  it.each([100, 60])('at %i columns the sample listings (Chinese, Vietnamese, emoji) fit', async (columns) => {
    const r = await cliAt(['score', '--quiet', '-f', 'table', 'fixtures/sample/listings.csv'], columns);
    expect(r.stdout.split('\n').length).toBe(114);
    expect(widest(r.stdout)).toBeLessThanOrEqual(columns);
  });

  it('uses the width it is given: long lines fill it, the id and products columns give way when narrow', async () => {
    const wide = await cliAt(['score', ...MINI, '--quiet', '-f', 'table', '-'], 100, { input: WIDE });
    expect(widest(wide.stdout)).toBe(100);
    expect(tableLayout(120)).toEqual({ id: 12, products: 24, excerpt: 58 });
    expect(tableLayout(60)).toEqual({ id: 6, products: 10, excerpt: 18 });
    const narrow = (await cliAt(['score', ...MINI, '--quiet', '-f', 'table', '-'], 60, { input: WIDE })).stdout.split('\n');
    expect(narrow[0]).toBe(' rank  score  level   id      products    excerpt');
    // a CJK id is cut by columns: 2 wide characters and an ellipsis in 6 columns, padded
    expect(narrow.find((l) => l.includes('穿山'))).toContain('  穿山… ');
  });
});

describe('the table excerpt', () => {
  const plain = new Chalk({ level: 0 });
  const colour = new Chalk({ level: 1 });
  const hit = (start: number, end: number, match: string): HitRecord => ({ entry: 'mini.rhino-horn', lexicon: 'mini', kind: 'product', product: 'rhino_horn', lang: 'en', term: 'rhino horn', match, field: 'title', start, end, transform: 'exact', weight: 3, contribution: 3, status: 'counted', role: 'item' });
  const record = (id: string, hits: HitRecord[]) => ({ rank: 1, group: null, id, source: '-', row: 1, score: 0.6321, raw: 3, level: 'medium' as const, flagged: true, products: ['rhino_horn'], hits, fields: {}, schema: 'wildsift.score/1', lexicons: '0000000000000000' });

  it('highlights the hit spans of the original text after leading white space and escaped controls', () => {
    // code points: 3 spaces, ESC, BEL, space, then "rhino horn" at 6-16
    const text = '   \u001b\u0007 rhino horn cup';
    const out = excerpt(record('x', [hit(6, 16, 'rhino horn')]), [{ name: 'title', text }], colour, 40);
    expect(out).toBe(`\\x1b\\x07 ${colour.bold.underline('rhino horn')} cup`);
  });

  it('centres a late hit with an ellipsis at each end, inside the width', () => {
    const text = '象'.repeat(40) + ' rhino horn ' + '象'.repeat(40);
    const out = excerpt(record('x', [hit(41, 51, 'rhino horn')]), [{ name: 'title', text }], plain, 30);
    expect(stringWidth(out)).toBeLessThanOrEqual(30);
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('rhino horn');
  });

  it('writes table rows whose cells never hold a raw control', () => {
    const r = record('a\u001b[2Jb\u202e', [hit(0, 10, 'rhino horn')]);
    const { rank: _rank, ...rest } = r;
    const c: Compact = { order: 0, score: r.score, level: r.level, flagged: true, json: JSON.stringify(rest), texts: [{ name: 'title', text: 'rhino horn \u009b31m \u001b]0;pwned\u0007' }] };
    const w = tableWriter({ chalk: plain, width: 100 });
    const line = w.write(c, 1);
    expect(line).toContain('a\\x1b[2Jb\\u…');
    expect(line).toContain('rhino horn \\x9b31m \\x1b]0;pwned\\x07');
    expect(line).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(stringWidth(line.trimEnd())).toBeLessThanOrEqual(100);
  });
});
