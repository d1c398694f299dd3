/**
 * Hostile inputs for the readers: very wide CSV, records without a line
 * break, deep nesting, prototype-named fields, byte-order marks mid-stream.
 * Work is counted, never timed.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readRecords, streamInput, type InputRecord, type ReadSettings, type Reject, type Warning } from '../src/input/read.js';
import { planFields } from '../src/input/fields.js';

async function readAll(input: string | string[] | Readable, name: string, settings: ReadSettings = {}) {
  const rejects: Reject[] = [];
  const warnings: Warning[] = [];
  const records: InputRecord[] = [];
  const stream = input instanceof Readable ? input : Readable.from(typeof input === 'string' ? [input] : input);
  for await (const r of readRecords(streamInput(name, stream), { ...settings, onReject: (x) => rejects.push(x), onWarning: (w) => warnings.push(w) })) records.push(r);
  return { records, rejects, warnings };
}

/** Array elements looked at by indexOf, includes and the callback methods while `fn` runs. */
async function arrayScans(fn: () => Promise<unknown>): Promise<number> {
  const P = Array.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const saved = new Map<string, (...a: unknown[]) => unknown>();
  let scanned = 0;
  for (const m of ['indexOf', 'lastIndexOf', 'includes']) {
    const orig = P[m]!;
    saved.set(m, orig);
    P[m] = function (this: unknown[], ...a: unknown[]) { scanned += this.length; return orig.apply(this, a); };
  }
  for (const m of ['find', 'findIndex', 'filter', 'some', 'every']) {
    const orig = P[m]!;
    saved.set(m, orig);
    P[m] = function (this: unknown[], cb: (...x: unknown[]) => unknown, ...rest: unknown[]) {
      return orig.call(this, (...x: unknown[]) => { scanned++; return cb(...x); }, ...rest);
    } as (...a: unknown[]) => unknown;
  }
  try { await fn(); } finally { for (const [m, f] of saved) P[m] = f; }
  return scanned;
}

function wideCsv(columns: number): string {
  const header = ['id', 'title', ...Array.from({ length: columns - 2 }, (_, i) => `c${i}`)];
  const row = (r: number) => [String(r), 'ivory bangle', ...Array.from({ length: columns - 2 }, () => 'x')].join(',');
  return [header.join(','), row(1), row(2), row(3)].join('\n') + '\n';
}

describe('wide CSV', () => {
  it('reads and plans a header of n columns with work linear in n', async () => {
    const work = (n: number) => {
      const text = wideCsv(n);
      return arrayScans(async () => {
        const { records, warnings } = await readAll(text, 'wide.csv');
        expect(records).toHaveLength(3);
        expect(warnings).toEqual([]);
        expect(planFields(records[0]!.data, 'wide.csv')).toEqual({ text: ['title'], id: 'id' });
      });
    };
    const small = await work(5_000);
    const large = await work(20_000);
    // comparing every name with the ones before: 16 times the work at 4 times the columns
    expect(large / small).toBeLessThan(8);
  });

  it('still names duplicate columns', async () => {
    const { warnings } = await readAll('id,a,b,a,c,b,a\n1,2,3,4,5,6,7\n', 'dup.csv');
    expect(warnings.map((w) => w.message)).toEqual(['duplicate column names in header: a, b; the last one wins']);
  });
});
