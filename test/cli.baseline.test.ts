/**
 * score --baseline: reviewed findings of an earlier scrape stay out of the
 * next one, keyed on the listing's id or text fingerprint and its evidence,
 * never on its row; new evidence brings a listing back.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli, jsonLines } from './cli-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-baseline-'));
const SAMPLE = 'fixtures/sample/listings.csv';
const sample = parse(readFileSync(SAMPLE), { columns: true }) as Record<string, string>[];
const jsonl = (name: string, rows: Record<string, string>[]) => {
  const f = path.join(dir, name);
  writeFileSync(f, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return f;
};
const write = (name: string, text: string) => {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
};
const NEW = { id: 'L999', platform: 'forum', title: 'Vòng tay ngà voi thật 62mm', description: 'Vòng ngà voi thật, giá 3.500.000đ, ship COD toàn quốc, Zalo 09xx' };

describe('score --baseline (built binary)', () => {
  it('a weekly re-scrape shows only the new findings, says how many it hid, and --fail-on looks at the new ones only', async () => {
    const week1 = await cli(['score', SAMPLE, '-f', 'jsonl', '-q']);
    const base = write('week1.jsonl', week1.stdout);
    const flagged1 = jsonLines(week1.stdout).filter((r: any) => r.flagged).length;
    expect(flagged1).toBeGreaterThan(20);
    const week2 = jsonl('week2.jsonl', [...sample, NEW]);
    const r = await cli(['score', week2, '-f', 'jsonl', '--flagged-only', '--baseline', base, '--fail-on', 'high']);
    expect(r.code).toBe(1);
    expect((jsonLines(r.stdout) as any[]).map((x) => x.id)).toEqual(['L999']);
    expect(r.stderr).toContain(`${flagged1} reviewed findings hidden (--baseline)`);
    // nothing new: exit 0 even with high findings in the input
    const again = await cli(['score', jsonl('week2b.jsonl', sample), '-f', 'jsonl', '-q', '--flagged-only', '--baseline', base, '--fail-on', 'high']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('');
  });

  it('without ids, the text fingerprint keys a listing: reordered rows stay hidden, a listing whose text changed is back', async () => {
    const noIds = sample.map(({ id: _id, ...rest }) => rest);
    const week1 = await cli(['score', jsonl('noids1.jsonl', noIds), '-f', 'jsonl', '-q']);
    const base = write('noids1.out.jsonl', week1.stdout);
    const reversed = [...noIds].reverse();
    const r = await cli(['score', jsonl('noids2.jsonl', reversed), '-f', 'jsonl', '-q', '--flagged-only', '--baseline', base]);
    expect(r.stdout).toBe('');
    // one listing gets new evidence: it is back, the others stay hidden
    const firstFlagged = jsonLines(week1.stdout).find((x: any) => x.flagged) as any;
    const changed = reversed.map((x, i) => (i === reversed.length - firstFlagged.row ? { ...x, description: `${x.description} Also 犀牛角 rhino horn pieces.` } : x));
    const r2 = await cli(['score', jsonl('noids3.jsonl', changed), '-f', 'jsonl', '-q', '--flagged-only', '--baseline', base]);
    const back = jsonLines(r2.stdout) as any[];
    expect(back).toHaveLength(1);
    expect(back[0].fields.description).toContain('犀牛角 rhino horn pieces');
  });

  it('a decisions file (id or fingerprint, decision, reviewer, date, note; evidence optional) hides or, with --baseline-mark, marks', async () => {
    const scored = jsonLines((await cli(['score', SAMPLE, '-f', 'jsonl', '-q', '--flagged-only'])).stdout) as any[];
    const [a, b, c] = scored;
    const decisions = write('decisions.jsonl', [
      { id: a.id, decision: 'not an offer', reviewer: 'ana', date: '2026-11-30', note: 'resin replica' },
      { fingerprint: b.fingerprint, decision: 'reported', reviewer: 'tom' },
      // reviewed with less evidence than the listing has now: not covered
      { id: c.id, decision: 'offer', evidence: ['nothing.else=x'] },
    ].map((d) => JSON.stringify(d)).join('\n') + '\n');
    const hidden = jsonLines((await cli(['score', SAMPLE, '-f', 'jsonl', '-q', '--flagged-only', '--baseline', decisions])).stdout) as any[];
    expect(hidden.map((x) => x.id)).not.toContain(a.id);
    expect(hidden.map((x) => x.id)).not.toContain(b.id);
    expect(hidden.map((x) => x.id)).toContain(c.id);
    expect(hidden).toHaveLength(scored.length - 2);
    const marked = jsonLines((await cli(['score', SAMPLE, '-f', 'jsonl', '-q', '--flagged-only', '--baseline', decisions, '--baseline-mark'])).stdout) as any[];
    expect(marked).toHaveLength(scored.length);
    expect(marked.find((x) => x.id === a.id).reviewed).toEqual({ id: a.id, decision: 'not an offer', reviewer: 'ana', date: '2026-11-30', note: 'resin replica' });
    expect(marked.find((x) => x.id === b.id).reviewed).toMatchObject({ fingerprint: b.fingerprint, decision: 'reported' });
    expect(marked.find((x) => x.id === c.id).reviewed).toBeUndefined();
  });

  it('a line that is neither a record nor a decision is an error with its line number (exit 2); --baseline-mark needs --baseline', async () => {
    const bad = write('bad.jsonl', '{"id":"L001","decision":"offer"}\n{"id":"L002"}\n');
    const r = await cli(['score', SAMPLE, '--baseline', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: line 2: neither a score record nor a decision`);
    expect(r.stdout).toBe('');
    const notJson = write('notjson.jsonl', 'id,decision\n');
    expect((await cli(['score', SAMPLE, '--baseline', notJson])).stderr).toContain('line 1: not JSON');
    const missing = await cli(['score', SAMPLE, '--baseline', path.join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read the baseline: no such file (--baseline)');
    const mark = await cli(['score', SAMPLE, '--baseline-mark']);
    expect(mark.code).toBe(2);
    expect(mark.stderr).toContain('(--baseline-mark, --baseline)');
  });
});
