/**
 * Streams records out of CSV, TSV, JSON and JSONL inputs.
 *
 * Every record is either yielded (with its 1-based record number) or
 * reported through `onReject` with its number, line and reason.
 */
import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import { formatFromName, sniffDelimiter, sniffFormat, type InputFormat } from './detect.js';
import type { Row } from './fields.js';

export interface InputRecord {
  source: string;
  /** 1-based record number within its input (header excluded) */
  row: number;
  data: Row;
}

export interface Reject {
  source: string;
  row: number;
  line?: number;
  reason: string;
}

export interface Warning {
  source: string;
  message: string;
}

export interface ReadOptions {
  format?: InputFormat;
  delimiter?: string;
  onReject: (r: Reject) => void;
  onWarning: (w: Warning) => void;
  /** bytes read from the input so far (for progress) */
  onBytes?: (n: number) => void;
}

export interface InputSpec {
  /** name shown in output and messages: the path, or "-" for stdin */
  name: string;
  open: () => Readable;
}

export function fileInput(p: string): InputSpec {
  return { name: p, open: () => createReadStream(p) };
}

export function streamInput(name: string, stream: Readable): InputSpec {
  return { name, open: () => stream };
}

const PEEK_BYTES = 64 * 1024;

/** Reads up to PEEK_BYTES from the start, then yields those bytes and the rest. */
async function peek(stream: Readable): Promise<{ head: Buffer; chunks: AsyncGenerator<Buffer> }> {
  const it = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const first: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < PEEK_BYTES) {
    const r = await it.next();
    if (r.done) { done = true; break; }
    const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    first.push(b);
    size += b.length;
  }
  const head = Buffer.concat(first);
  async function* chunks(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
    }
  }
  return { head, chunks: chunks() };
}

function openError(name: string, err: unknown): InputError {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return new InputError(`${name}: no such file`);
  if (e.code === 'EISDIR') return new InputError(`${name}: is a folder, not a file`);
  if (e.code === 'EACCES') return new InputError(`${name}: permission denied`);
  return new InputError(`${name}: cannot read: ${e.message}`);
}

/** Records of one input, in order. */
export async function* readRecords(input: InputSpec, opts: ReadOptions): AsyncGenerator<InputRecord> {
  let peeked;
  try {
    peeked = await peek(input.open());
  } catch (err) {
    throw openError(input.name, err);
  }
  const headText = peeked.head.toString('utf8');
  const counted = opts.onBytes ? countBytes(peeked.chunks, opts.onBytes) : peeked.chunks;
  const format = opts.format ?? formatFromName(input.name) ?? sniffFormat(headText);
  try {
    if (format === 'json') yield* readJson(input.name, counted, opts);
    else if (format === 'jsonl') yield* readJsonl(input.name, counted, opts);
    else {
      const delimiter = opts.delimiter ?? (format === 'tsv' ? '\t' : sniffDelimiter(headText));
      yield* readCsv(input.name, counted, delimiter, opts);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code && /^E[A-Z]+$/.test(e.code)) throw openError(input.name, err);
    throw err;
  }
}

async function* readCsv(name: string, chunks: AsyncIterable<Buffer>, delimiter: string, opts: ReadOptions): AsyncGenerator<InputRecord> {
  let raggedCount = 0;
  let firstRagged = 0;
  // Rows are numbered at parse time, where skipped records are known in order.
  let skips = 0;
  let lastSkip = '';
  const parser = parseCsv({
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined): undefined => {
      if (!err) return;
      const records = (err as unknown as { records?: number }).records ?? 0;
      // csv-parse may report several errors for one record: report the record once
      const key = `${records}:${skips}`;
      if (key === lastSkip) return;
      lastSkip = key;
      const row = Math.max(1, records + skips);
      skips++;
      opts.onReject({ source: name, row, line: lineOf(err), reason: `malformed CSV: ${err.message}` });
    },
    on_record: (record: string[], ctx: { records: number }) => ({ record, row: ctx.records - 1 + skips }) as unknown as string[],
  });
  const feed = (async () => {
    try {
      for await (const c of chunks) {
        if (!parser.write(c)) await new Promise<void>((resolve) => parser.once('drain', resolve));
      }
      parser.end();
    } catch (err) {
      parser.destroy(err as Error);
    }
  })();
  let header: string[] | undefined;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; row: number }>) {
      const rec = item.record;
      if (header === undefined) {
        header = rec.map((h, i) => (h.trim() === '' ? `column${i + 1}` : h.trim()));
        const dup = header.filter((h, i) => header!.indexOf(h) !== i);
        if (dup.length > 0) {
          opts.onWarning({ source: name, message: `duplicate column names in header: ${[...new Set(dup)].join(', ')}; the last one wins` });
        }
        continue;
      }
      const row = item.row;
      if (rec.length !== header.length) {
        raggedCount++;
        if (firstRagged === 0) firstRagged = row;
      }
      const data: Row = {};
      for (let i = 0; i < header.length; i++) data[header[i]!] = rec[i] ?? '';
      for (let i = header.length; i < rec.length; i++) data[`column${i + 1}`] = rec[i]!;
      yield { source: name, row, data };
    }
  } finally {
    await feed;
  }
  if (raggedCount > 0) {
    opts.onWarning({
      source: name,
      message: `${raggedCount} row${raggedCount > 1 ? 's' : ''} had a different number of fields than the header (first: row ${firstRagged}); missing fields were read as empty, extra ones kept as columnN`,
    });
  }
}

async function* readJsonl(name: string, chunks: AsyncIterable<Buffer>, opts: ReadOptions): AsyncGenerator<InputRecord> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  let row = 0;
  function* handle(text: string): Generator<InputRecord> {
    line++;
    const t = line === 1 ? text.replace(/^\uFEFF/, '') : text;
    if (t.trim() === '') return;
    row++;
    let value: unknown;
    try {
      value = JSON.parse(t);
    } catch (err) {
      opts.onReject({ source: name, row, line, reason: `invalid JSON: ${(err as Error).message}` });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      opts.onReject({ source: name, row, line, reason: 'not a JSON object' });
      return;
    }
    yield { source: name, row, data: value as Row };
  }
  for await (const chunk of chunks) {
    const text = rest + decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield* handle(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest.length > 0) yield* handle(rest);
}

async function* readJson(name: string, chunks: AsyncIterable<Buffer>, opts: ReadOptions): AsyncGenerator<InputRecord> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  const text = Buffer.concat(parts).toString('utf8').replace(/^\uFEFF/, '');
  if (text.trim() === '') return;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${name}: invalid JSON: ${(err as Error).message}`);
  }
  let items: unknown[];
  if (Array.isArray(doc)) items = doc;
  else if (doc !== null && typeof doc === 'object') {
    const arrays = Object.entries(doc).filter(([, v]) => Array.isArray(v));
    if (arrays.length !== 1) {
      throw new InputError(
        `${name}: expected an array of objects, or an object holding exactly one array; found ${arrays.length === 0 ? 'no array' : `arrays ${arrays.map(([k]) => `"${k}"`).join(', ')}`}`,
      );
    }
    items = arrays[0]![1] as unknown[];
  } else {
    throw new InputError(`${name}: expected an array of objects, found ${doc === null ? 'null' : typeof doc}`);
  }
  let row = 0;
  for (const item of items) {
    row++;
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      opts.onReject({ source: name, row, reason: 'not a JSON object' });
      continue;
    }
    yield { source: name, row, data: item as Row };
  }
}

function lineOf(err: CsvError): number | undefined {
  const l = (err as unknown as { lines?: unknown }).lines;
  return typeof l === 'number' ? l : undefined;
}

async function* countBytes(chunks: AsyncIterable<Buffer>, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const c of chunks) {
    onBytes(c.length);
    yield c;
  }
}
