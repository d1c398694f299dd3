/**
 * Inputs read in blocks (input/blocks.ts) give what one reading of the whole
 * input gives: the same records with the same row and line numbers, the
 * same rejects and the same warnings, wherever the blocks end.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileInput, newTally, readRecords, type ReadSettings, type Reject, type Warning } from '../src/input/read.js';
import { blockInput, blockRanges, blockRecords, BlockOffsets } from '../src/input/blocks.js';

interface Reading { records: unknown[]; rejects: Reject[]; warnings: Warning[] }
const strip = ({ parserLine: _p, ...r }: Reject): Reject => r;

async function whole(path: string, settings: ReadSettings = {}): Promise<Reading> {
  const out: Reading = { records: [], rejects: [], warnings: [] };
  for await (const r of readRecords(fileInput(path), { ...settings, onReject: (x) => out.rejects.push(strip(x)), onWarning: (w) => out.warnings.push(w) })) out.records.push([r.row, r.line, { ...r.data }]);
  return out;
}

/** In blocks, read one after another as worker threads would read them, numbered by BlockOffsets; undefined: the input does not split. */
async function inBlocks(path: string, blockBytes: number, settings: ReadSettings = {}): Promise<(Reading & { blocks: number }) | undefined> {
  const b = await blockInput(fileInput(path), settings);
  if (!b) return undefined;
  const offsets = new BlockOffsets(b);
  const out = { records: [] as unknown[], rejects: [] as Reject[], warnings: [] as Warning[], blocks: 0 };
  for await (const range of blockRanges(b, blockBytes)) {
    const tally = newTally();
    const rejects: Reject[] = [];
    const warnings: Warning[] = [];
    const records = [];
    for await (const r of blockRecords(b, range, { ...settings, onReject: (x) => rejects.push(x), onWarning: (w) => warnings.push(w) }, tally)) records.push(r);
    // every block reads the header: its warnings are given once
    if (out.blocks++ === 0) out.warnings.push(...warnings);
    for (const x of rejects) out.rejects.push(strip(offsets.reject(x)));
    for (const r of records) { offsets.record(r); out.records.push([r.row, r.line, { ...r.data }]); }
    offsets.add(tally);
  }
  out.warnings.push(...offsets.warnings(settings));
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'wildsift-blocks-'));
let n = 0;
const file = (name: string, text: string | Buffer) => { const p = join(dir, `${n++}-${name}`); writeFileSync(p, text); return p; };

describe('inputs read in blocks', () => {
  it('CSV: random records, quotes, line ends and rejects give the same reading for any block size', async () => {
    const field = fc.oneof(
      fc.constantFrom('ivory', 'é', 'a b', '', '"', 'x"y', '象牙'),
      fc.array(fc.constantFrom('a', 'é', ',', '"', '""', '\n', '\r\n', '\r', ' '), { maxLength: 8 }).map((t) => `"${t.join('')}"`),
      fc.array(fc.constantFrom('a', '"', '""', '\n', ','), { maxLength: 6 }).map((t) => `"${t.join('')}`),
    );
    const record = fc.array(field, { minLength: 1, maxLength: 4 }).map((f) => f.join(','));
    await fc.assert(fc.asyncProperty(
      fc.array(record, { minLength: 1, maxLength: 30 }), fc.constantFrom('\n', '\r\n'), fc.integer({ min: 1, max: 60 }),
      async (records, eol, blockBytes) => {
        const p = file('r.csv', `id,title,text${eol}${records.join(eol)}${eol}`);
        const want = await whole(p);
        const got = await inBlocks(p, blockBytes);
        expect(got).toBeDefined();
        expect({ ...got!, blocks: undefined }).toEqual({ ...want, blocks: undefined });
      },
    ), { numRuns: 300 });
  });

  it('JSON Lines: blank, broken, deep and long lines give the same reading for any block size', async () => {
    const line = fc.oneof(
      fc.constantFrom('{"id":"a","title":"rhino horn"}', '', '  ', '{bad', '[1]', '"x"', '\uFEFF{"id":"b"}', '{"t":"象牙 \\u0000"}', '{"a":{"a":{"a":1}}}', '{"t":"' + 'x'.repeat(50) + '"}'),
      fc.string({ maxLength: 12 }).map((s) => JSON.stringify({ t: s })),
    );
    await fc.assert(fc.asyncProperty(
      fc.array(line, { minLength: 1, maxLength: 30 }), fc.boolean(), fc.integer({ min: 1, max: 80 }),
      async (lines, lastEol, blockBytes) => {
        const p = file('r.jsonl', lines.join('\n') + (lastEol ? '\n' : ''));
        const settings: ReadSettings = { format: 'jsonl', maxDepth: 2, maxRecordSize: 40 };
        const want = await whole(p, settings);
        const got = await inBlocks(p, blockBytes, settings);
        expect({ ...got!, blocks: undefined }).toEqual({ ...want, blocks: undefined });
      },
    ), { numRuns: 300 });
  });

  const fixtures = ['fixtures/bad', 'fixtures/formats', 'fixtures/eval', 'fixtures/sample'].flatMap((d) => readdirSync(d).filter((f) => !/\.(md|json)$/.test(f)).map((f) => `${d}/${f}`));
  it.each(fixtures)('%s: the same reading in blocks of 1 KB, or read whole when it cannot split', async (p) => {
    const settings: ReadSettings = /\.data$/.test(p) ? { format: p.includes('jsonl') ? 'jsonl' : p.includes('json') ? 'json' : 'csv' } : {};
    const got = await inBlocks(p, 1024, settings);
    if (got === undefined) {
      // compressed, another encoding, a JSON document, or no header line end
      expect(p).toMatch(/\.gz$|big5|gb18030|windows-1252|utf16|\.json|json\.data|empty/);
      return;
    }
    const want = await whole(p, settings);
    expect({ ...got, blocks: undefined }).toEqual({ ...want, blocks: undefined });
    if (want.records.length > 100) expect(got.blocks).toBeGreaterThan(3);
  });

  it('a record longer than the limit is dropped in its block, numbered as in one reading', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => (i % 37 === 5 ? `${i},"${'y\n'.repeat(40)}"` : `${i},ivory ${i}`));
    const p = file('long.csv', `id,title\r\n${rows.join('\r\n')}\r\n${'"never closed,'.repeat(3)}`);
    const settings: ReadSettings = { maxRecordSize: 50 };
    const want = await whole(p, settings);
    expect(want.rejects.length).toBeGreaterThan(5);
    const got = await inBlocks(p, 300, settings);
    expect(got!.blocks).toBeGreaterThan(5);
    expect({ ...got!, blocks: undefined }).toEqual({ ...want, blocks: undefined });
  });
});
