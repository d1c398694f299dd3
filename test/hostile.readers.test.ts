/**
 * Hostile inputs for the readers: very wide CSV, records without a line
 * break, deep nesting, prototype-named fields, byte-order marks mid-stream.
 * Work is counted, never timed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DROPPED, guardCsv, readRecords, streamInput, type InputRecord, type ReadSettings, type Reject, type Warning } from '../src/input/read.js';
import { planFields } from '../src/input/fields.js';
import { cli, jsonLines, MINI } from './cli-helpers.js';

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
    P[m] = function (this: unknown[], ...a: unknown[]) {
      const cb = a[0] as (...x: unknown[]) => unknown;
      return orig.call(this, (...x: unknown[]) => { scanned++; return cb(...x); }, ...a.slice(1));
    };
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
        expect(planFields(records[0]!.data, 'wide.csv')).toEqual({ text: ['title'], id: 'id', context: [] });
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

/** A stream of `prefix`, then `size` characters of `fill` (64 KB chunks, one string reused), then `suffix`. */
function hugeStream(prefix: string, size: number, suffix: string, fill = 'x'): Readable {
  const chunk = fill.repeat(65_536 / fill.length);
  return Readable.from((function* () {
    yield prefix;
    for (let n = 0; n < size; n += chunk.length) yield chunk;
    yield suffix;
  })());
}

const MB30 = 30 * 1024 * 1024;

describe('records are bounded while they are read', () => {
  it('JSONL: rejects a 30 MB line with its row and line and reads on', async () => {
    const { records, rejects } = await readAll(hugeStream('{"id":"a"}\n{"id":"b","text":"', MB30, '"}\n{"id":"c"}\n'), 'big.jsonl');
    expect(records.map((r) => [r.data.id, r.row, r.line])).toEqual([['a', 1, 1], ['c', 3, 3]]);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ row: 2, line: 2, reason: 'line longer than 8000000 characters (the record-size limit: 4 times the field-size limit, at least 8000000), skipped while reading' });
    expect(rejects[0]!.excerpt).toMatch(/^\{"id":"b","text":"xxx/);
  });

  it('JSONL: rejects 30 MB without any line break at the end', async () => {
    const { records, rejects } = await readAll(hugeStream('{"id":"a"}\n', MB30, ''), 'tail.jsonl');
    expect(records.map((r) => r.data.id)).toEqual(['a']);
    expect(rejects.map((r) => [r.row, r.line])).toEqual([[2, 2]]);
    expect(rejects[0]!.reason).toMatch(/^line longer than 8000000 characters/);
  });

  it('JSONL: the limit follows maxRecordSize, then 4 x maxFieldSize', async () => {
    const text = '{"id":"a"}\n{"id":"' + 'y'.repeat(100) + '"}\n{"id":"c"}';
    const small = await readAll(text, 'a.jsonl', { maxRecordSize: 50 });
    expect(small.records.map((r) => r.data.id)).toEqual(['a', 'c']);
    expect(small.rejects[0]!.reason).toBe('line longer than 50 characters (the record-size limit), skipped while reading');
    const derived = await readAll(hugeStream('{"id":"a"}\n{"id":"', 9_000_000, '"}\n'), 'b.jsonl', { maxFieldSize: 3_000_000 });
    expect(derived.rejects).toEqual([]);
    expect(derived.records).toHaveLength(2);
  });

  it.each([
    ['a quoted field', '"', '"'],
    ['an unquoted field', '', ''],
  ])('CSV: rejects a 30 MB record in %s and reads on', async (_name, open, close) => {
    const { records, rejects } = await readAll(hugeStream(`id,title\n1,ivory\n2,${open}`, MB30, `${close}\n3,horn\n`), 'big.csv');
    expect(records.map((r) => [r.data.id, r.row])).toEqual([['1', 1], ['3', 3]]);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ row: 2, line: 3, reason: 'record longer than 8000000 characters (the record-size limit: 4 times the field-size limit, at least 8000000), dropped while reading' });
    expect(rejects[0]!.excerpt).toMatch(/^2,"?xxx/);
  });

  it('CSV: bounds a record held open by a quote over millions of short lines', async () => {
    const { records, rejects } = await readAll(hugeStream('id,title\n1,ivory\n2,"never closed\n', MB30, '', 'line\n'), 'open.csv');
    expect(records.map((r) => r.data.id)).toEqual(['1']);
    expect(rejects.map((r) => [r.row, r.line])).toEqual([[2, 3]]);
  });

  it('CSV: rows and the lines of later errors stay as without the limit', async () => {
    const text = 'id,title\n1,a\n2,"' + 'long\n'.repeat(20) + '"\n3,b\n4,"unclosed\nmore\n';
    const free = await readAll(text, 'x.csv');
    const bounded = await readAll(text, 'x.csv', { maxRecordSize: 50 });
    expect(bounded.records.map((r) => [r.row, r.data.id])).toEqual([[1, '1'], [3, '3']]);
    expect(bounded.rejects.map((r) => [r.row, r.line])).toEqual([[2, 3], free.rejects.map((r) => [r.row, r.line])[0]]);
    expect(free.rejects).toHaveLength(1);
  });

  it('CSV: a header longer than the limit is an input error', async () => {
    await expect(readAll(hugeStream('id,', 1_000_000, '\n1,2\n'), 'h.csv', { maxRecordSize: 1000 })).rejects.toThrow('h.csv: the header line is longer than 1000 characters (the record-size limit); is this CSV?');
  });

  it('JSON: a document longer than maxJsonSize is an input error', async () => {
    await expect(readAll(hugeStream('[{"id":"', 200_000, '"}]'), 'd.json', { format: 'json', maxJsonSize: 100_000 })).rejects.toThrow(/d\.json: JSON document longer than 100000 characters; .*JSON Lines/);
  });
});

describe('the CSV record guard finds the records csv-parse finds', () => {
  it('drops exactly the records longer than the limit, however the text is cut into chunks', async () => {
    const opts = { info: true, bom: true, relax_column_count: true, relax_quotes: true, skip_records_with_error: true } as const;
    const parseAll = (chunks: string[]) => new Promise<{ rows: { record: string[]; info: { bytes: number } }[]; skipped: number }>((resolve, reject) => {
      let skipped = 0;
      const rows: { record: string[]; info: { bytes: number } }[] = [];
      const p = parseCsv({ ...opts, on_skip: () => { skipped++; } });
      p.on('data', (r) => rows.push(r));
      p.on('end', () => resolve({ rows, skipped }));
      p.on('error', reject);
      for (const c of chunks) p.write(c);
      p.end();
    });
    await fc.assert(fc.asyncProperty(
      fc.array(fc.constantFrom('a', 'é', ',', ',', '"', '"', '""', '\n', '\n', '\r', '\r\n', ' ', '\t'), { maxLength: 60 }),
      fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
      fc.integer({ min: 1, max: 40 }),
      async (tokens, cuts, limit) => {
        const text = tokens.join('');
        const chunks: string[] = [];
        for (let pos = 0, k = 0; pos < text.length; pos += cuts[k++ % cuts.length]!) chunks.push(text.slice(pos, pos + cuts[k % cuts.length]!));
        const whole = await parseAll([text]);
        if (whole.skipped > 0) return;
        const bytes = Buffer.from(text);
        let before = 0;
        const want = whole.rows.map((r) => {
          const length = bytes.subarray(before, r.info.bytes).toString().length;
          before = r.info.bytes;
          return length > limit ? 'dropped' : JSON.stringify(r.record);
        });
        const passed: string[] = [];
        for await (const s of guardCsv(Readable.from(chunks), ',', limit, [])) passed.push(s);
        const got = (await parseAll(passed)).rows.map((r) => (r.record.length === 1 && r.record[0] === DROPPED ? 'dropped' : JSON.stringify(r.record)));
        expect(got).toEqual(want);
      },
    ), { numRuns: 1500 });
  });
});

describe('byte-order marks', () => {
  it('JSONL: tolerates U+FEFF at the start of any line (files joined with cat)', async () => {
    const { records, rejects } = await readAll(['\uFEFF{"id":"a"}\n', '\uFEFF{"id":"b"}\n{"id":"c"}\n\uFEFF\n'], 'cat.jsonl', { format: 'jsonl' });
    expect(rejects).toEqual([]);
    expect(records.map((r) => [r.data.id, r.row, r.line])).toEqual([['a', 1, 1], ['b', 2, 2], ['c', 3, 3]]);
  });
});

describe('deep JSON', () => {
  const deep = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
  const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
  const lines = ['{"id":"a","title":"rhino horn"}', `{"id":"b","title":"x","meta":${deep(5000)}}`, `{"id":"c","title":"x","meta":${deepArray(200_000)}}`, '{"id":"d","title":"elephant ivory"}'];

  it('JSONL: rejects a record nested deeper than 100 levels, with its row and line, and reads on', async () => {
    const { records, rejects } = await readAll(lines.join('\n') + '\n', 'deep.jsonl');
    expect(records.map((r) => r.data.id)).toEqual(['a', 'd']);
    expect(rejects.map((r) => [r.row, r.line, r.reason])).toEqual([[2, 2, 'nested deeper than 100 levels'], [3, 3, 'nested deeper than 100 levels']]);
  });

  it('JSON: rejects such an element of the array, with its row and a shallow excerpt', async () => {
    const { records, rejects } = await readAll(`[${lines.join(',')}, ${deepArray(300)}]`, 'deep.json', { format: 'json' });
    expect(records.map((r) => r.data.id)).toEqual(['a', 'd']);
    expect(rejects.map((r) => [r.row, r.reason, r.excerpt])).toEqual([
      [2, 'nested deeper than 100 levels', '{"id":"b","title":"x","meta":{…}}'],
      [3, 'nested deeper than 100 levels', '{"id":"c","title":"x","meta":[…]}'],
      [5, 'nested deeper than 100 levels', '[1 items]'],
    ]);
  });

  it('keeps records 100 levels deep (the record is level 1)', async () => {
    const { records, rejects } = await readAll(`{"id":"a","m":${deep(99)}}\n{"id":"b","m":${deep(100)}}\n`, 'edge.jsonl');
    expect(records.map((r) => r.data.id)).toEqual(['a']);
    expect(rejects.map((r) => r.row)).toEqual([2]);
  });

  it('scores the other records with worker threads', async () => {
    const r = await cli(['score', ...MINI, '--jobs', '2', '--input-format', 'jsonl', '-f', 'jsonl', '-q'], { input: lines.join('\n') + '\n' });
    expect(r.stderr).toContain('row 2 (line 2) rejected: nested deeper than 100 levels');
    expect(r.code).toBe(0);
    expect(jsonLines(r.stdout).map((l) => l.id).sort()).toEqual(['a', 'd']);
  });

  it('merge reads back the output of a record 100 levels deep (one level more)', async () => {
    const scored = await cli(['score', ...MINI, '--input-format', 'jsonl', '-f', 'jsonl', '-q'], { input: `{"id":"a","title":"rhino horn","m":${deep(99)}}\n` });
    const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-deep-'));
    try {
      writeFileSync(path.join(dir, 'a.jsonl'), scored.stdout);
      const merged = await cli(['merge', '-f', 'jsonl', '-q', path.join(dir, 'a.jsonl')]);
      expect(merged.stderr).toBe('');
      expect(jsonLines(merged.stdout).map((l) => l.id)).toEqual(['a']);
    } finally { rmSync(dir, { recursive: true }); }
  });

  it('lists the fields of a record 200,000 fields wide', () => {
    const meta: Record<string, string> = {};
    for (let i = 0; i < 200_000; i++) meta[`k${i}`] = 'v';
    const plan = planFields({ id: 1, meta }, 'wide.jsonl');
    expect(plan.text).toHaveLength(200_000);
    expect(plan.text[0]).toBe('meta.k0');
  });
});

describe('fields named like Object.prototype members', () => {
  const csv = 'id,__proto__,constructor,title\n1,elephant ivory for sale,ctor value,plain title\n2,rhino horn,,x\n';

  it('CSV records hold a __proto__ column as a field', async () => {
    const { records } = await readAll(csv, 'proto.csv');
    const d = records[0]!.data;
    expect(Object.keys(d)).toEqual(['id', '__proto__', 'constructor', 'title']);
    expect(Object.hasOwn(d, '__proto__') && d['__proto__']).toBe('elephant ivory for sale');
    expect(planFields(d, 'proto.csv', ['__proto__'], 'constructor')).toEqual({ text: ['__proto__'], id: 'constructor', context: [] });
  });

  it.each([['1'], ['2']])('score --text __proto__ --keep __proto__,constructor scores and keeps both (--jobs %s)', async (jobs) => {
    const r = await cli(['score', ...MINI, '--input-format', 'csv', '--text', '__proto__', '--keep', '__proto__,constructor', '--jobs', jobs, '-f', 'jsonl', '-q', '--no-sort'], { input: csv });
    expect(r.code).toBe(0);
    const out = jsonLines(r.stdout);
    expect(out.map((l) => [Object.entries(l.fields as object), l.score])).toEqual([
      [[['__proto__', 'elephant ivory for sale'], ['constructor', 'ctor value']], expect.any(Number)],
      [[['__proto__', 'rhino horn'], ['constructor', '']], expect.any(Number)],
    ]);
    expect(out.every((l) => (l.score as number) > 0 && (l.hits as { field: string }[]).every((h) => h.field === '__proto__'))).toBe(true);
  });
});

describe('JSONL fields named like Object.prototype members', () => {
  it('are kept by --keep', async () => {
    const input = '{"id":"1","__proto__":"elephant ivory","constructor":"c","toString":"t"}\n';
    const r = await cli(['score', ...MINI, '--input-format', 'jsonl', '--text', '__proto__', '--keep', '__proto__,constructor,toString', '-f', 'jsonl', '-q'], { input });
    expect(Object.entries(jsonLines(r.stdout)[0]!.fields as object)).toEqual([['__proto__', 'elephant ivory'], ['constructor', 'c'], ['toString', 't']]);
  });
});
