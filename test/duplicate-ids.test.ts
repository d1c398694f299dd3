/** The duplicate-id count: the rows whose id an earlier row already had. */
import { describe, expect, it } from 'vitest';
import { HashSet64 } from '../src/app/hashset.js';
import { cli, MINI } from './cli-helpers.js';

describe('duplicate ids', () => {
  it('HashSet64 finds every member again, and holds each once', () => {
    const s = new HashSet64();
    const n = 5000;
    for (let i = 0; i < n; i++) expect(s.add(`id-${i}`)).toBe(true);
    for (let i = 0; i < n; i++) expect(s.add(`id-${i}`), `id-${i}`).toBe(false);
    for (let i = 0; i < 1000; i++) s.add('same');
    expect(s.count).toBe(n + 1);
  });

  it.each([
    ['one id on 1,000 rows', (i: number) => 'same', '999 duplicate ids (first: "same" again at - row 2)'],
    ['10 ids on 100 rows each', (i: number) => `L${i % 10}`, '990 duplicate ids (first: "L0" again at - row 11)'],
    ['1,000 different ids', (i: number) => `L${i}`, undefined],
  ])('counts the rows whose id was seen before: %s', async (_name, id, warning) => {
    const input = 'id,title\n' + Array.from({ length: 1000 }, (_, i) => `${id(i)},rhino horn\n`).join('');
    const r = await cli(['score', ...MINI, '--input-format', 'csv', '-f', 'jsonl', '-q'], { input });
    expect(r.code).toBe(0);
    if (warning === undefined) expect(r.stderr).not.toContain('duplicate id');
    else expect(r.stderr).toContain(`wildsift: warning: ${warning}; rows are still told apart by source and row`);
  });
});
