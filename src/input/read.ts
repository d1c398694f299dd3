/**
 * Streams records out of CSV, TSV, JSON and JSONL inputs, compressed
 * (gzip, brotli) or not, in any encoding the platform can decode.
 *
 * Every record is either yielded (with its 1-based record number) or
 * reported through `onReject` with its number, line, reason and an excerpt.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import { InputError } from '../core/errors.js';
import { formatFromName, sniffDelimiter, sniffFormat, type InputFormat } from './detect.js';
import { compressionOf, decodeChunks, decompress, encodingFromBom, isGzip, type DecodeStats } from './decode.js';
import type { Row } from '../core/fields.js';

export interface InputRecord {
  source: string;
  /** 1-based record number within its input (header excluded) */
  row: number;
  /** 1-based line of the record, where the format has one record a line (JSONL) */
  line?: number;
  data: Row;
}

export interface Reject {
  source: string;
  row: number;
  line?: number;
  reason: string;
  /** the start of the rejected text */
  excerpt?: string;
}

export interface Warning {
  source: string;
  message: string;
  /** the option that changes what is warned about (its key in ReadSettings) */
  option?: string;
}

/**
 * How to read inputs and find their fields: the one options type of every
 * command that reads listings (the CLI converts its flags to it once).
 */
export interface ReadSettings {
  format?: InputFormat;
  delimiter?: string;
  /** character encoding (default: from a byte-order mark, else utf-8) */
  encoding?: string;
  /** longer string fields are cut to this many characters, with a warning (default 1,000,000) */
  maxFieldSize?: number;
  /** text fields to score, as dotted paths (default: the usual names, else every string field) */
  text?: string[];
  /** the listing id field (default: id, listing_id or url, else the row number) */
  id?: string;
}

/** Where reading reports what it meets. */
export interface ReadHandlers {
  onReject: (r: Reject) => void;
  onWarning: (w: Warning) => void;
  /** an input that breaks off (truncated archive): what was read before is kept */
  onBroken?: (source: string, message: string) => void;
  /** bytes read from the input so far (for progress) */
  onBytes?: (n: number) => void;
}

export type ReadOptions = ReadSettings & ReadHandlers;

export const DEFAULT_MAX_FIELD_SIZE = 1_000_000;

export function excerptOf(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? t.slice(0, max - 1) + '…' : t;
}

export interface InputSpec {
  /** name shown in output and messages: the path, or "-" for stdin */
  name: string;
  open: () => Readable;
  /** size in bytes, when known before reading (a file) */
  size?: number;
}

export function fileInput(p: string): InputSpec {
  let size: number | undefined;
  try { size = statSync(p).size; } catch { /* reported when it is opened */ }
  return { name: p, open: () => createReadStream(p), ...(size !== undefined ? { size } : {}) };
}

export function streamInput(name: string, stream: Readable): InputSpec {
  return { name, open: () => stream };
}

const PEEK_BYTES = 64 * 1024;

/** The first items of an async stream (up to `size`), and the whole stream again. */
async function peek<T extends Buffer | string>(source: AsyncIterable<T>, size: number): Promise<{ head: T[]; all: AsyncGenerator<T> }> {
  const it = source[Symbol.asyncIterator]();
  const head: T[] = [];
  let got = 0;
  let done = false;
  while (got < size) {
    const r = await it.next();
    if (r.done) { done = true; break; }
    head.push(r.value);
    got += r.value.length;
  }
  async function* all(): AsyncGenerator<T> {
    for (const h of head) yield h;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  }
  return { head, all: all() };
}

async function* bytesOf(stream: Readable): AsyncGenerator<Buffer> {
  for await (const c of stream) yield typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
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
  const broken = (message: string) => {
    if (opts.onBroken) opts.onBroken(input.name, message);
    else throw new InputError(`${input.name}: ${message}`);
  };
  // bytes, counted for progress
  let bytes: AsyncIterable<Buffer>;
  let rawHead: Buffer;
  try {
    const counted = opts.onBytes ? countBytes(bytesOf(input.open()), opts.onBytes) : bytesOf(input.open());
    const p = await peek(counted, 4);
    rawHead = Buffer.concat(p.head);
    bytes = p.all;
  } catch (err) {
    throw openError(input.name, err);
  }
  // compression, from the name or the gzip magic bytes
  const { base, kind } = compressionOf(input.name);
  const compression = kind ?? (isGzip(rawHead) ? 'gzip' : undefined);
  if (compression) bytes = decompress(bytes, compression, broken);
  // encoding: the option, else a byte-order mark, else UTF-8
  const b = await peek(bytes, 4);
  const encoding = opts.encoding ?? encodingFromBom(Buffer.concat(b.head)) ?? 'utf-8';
  const stats: DecodeStats = { replaced: 0 };
  const text = await peek(decodeChunks(b.all, encoding, stats), PEEK_BYTES);
  const headText = text.head.join('');
  const format = opts.format ?? formatFromName(base) ?? sniffFormat(headText);
  let count = 0;
  const limit = opts.maxFieldSize ?? DEFAULT_MAX_FIELD_SIZE;
  let cut = 0;
  let firstCut = '';
  let firstBadRow = 0;
  try {
    let records: AsyncGenerator<InputRecord>;
    if (format === 'json') records = readJson(input.name, text.all, opts);
    else if (format === 'jsonl') records = readJsonl(input.name, text.all, opts);
    else records = readCsv(input.name, text.all, opts.delimiter ?? (format === 'tsv' ? '\t' : sniffDelimiter(headText)), opts);
    for await (const rec of records) {
      count++;
      for (const [k, v] of Object.entries(rec.data)) {
        if (typeof v === 'string' && v.length > limit) {
          rec.data[k] = v.slice(0, limit);
          if (cut++ === 0) firstCut = `row ${rec.row} field ${k}`;
        }
      }
      if (stats.replaced > 0 && firstBadRow === 0 && Object.values(rec.data).some((v) => typeof v === 'string' && v.includes('\uFFFD'))) firstBadRow = rec.row;
      yield rec;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code && /^E[A-Z]+$/.test(e.code)) throw openError(input.name, err);
    throw err;
  }
  if (stats.replaced > 0) {
    opts.onWarning({ source: input.name, message: `${stats.replaced} invalid ${encoding} byte sequence${stats.replaced === 1 ? '' : 's'} replaced by U+FFFD${firstBadRow ? ` (first in row ${firstBadRow})` : ''}; is --encoding right?` });
  }
  if (cut > 0) opts.onWarning({ source: input.name, message: `${cut} field${cut === 1 ? '' : 's'} longer than ${limit} characters cut to that length (first: ${firstCut})`, option: 'maxFieldSize' });
  if (count === 0) opts.onWarning({ source: input.name, message: headText.trim() === '' ? 'empty input: no rows' : 'no rows (a header only, or nothing but rejected records)' });
}

async function* readCsv(name: string, chunks: AsyncIterable<string>, delimiter: string, opts: ReadOptions): AsyncGenerator<InputRecord> {
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
    raw: true,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined, raw: string | undefined): undefined => {
      if (!err) return;
      const records = (err as unknown as { records?: number }).records ?? 0;
      // csv-parse may report several errors for one record: report the record once
      const key = `${records}:${skips}`;
      if (key === lastSkip) return;
      lastSkip = key;
      const row = Math.max(1, records + skips);
      skips++;
      opts.onReject({ source: name, row, line: lineOf(err), reason: `malformed CSV: ${err.message}`, ...(raw ? { excerpt: excerptOf(raw) } : {}) });
    },
    on_record: (item: { record: string[] } | string[], ctx: { records: number }) => ({ record: Array.isArray(item) ? item : item.record, row: ctx.records - 1 + skips }) as unknown as string[],
  });
  // wait for the parser to take more, or to be closed (the reader stopped early)
  const drained = () => new Promise<void>((resolve) => {
    const done = () => { parser.off('drain', done); parser.off('close', done); resolve(); };
    parser.on('drain', done);
    parser.on('close', done);
  });
  const feed = (async () => {
    try {
      for await (const c of chunks) {
        if (!parser.write(c)) await drained();
        // leaving the loop closes the chunk stream, and with it the input
        if (parser.destroyed) return;
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
        // a Set: comparing each name with the ones before took 14 s on 100,000 columns
        const names = new Set<string>();
        const dup = new Set<string>();
        for (const h of header) if (names.has(h)) dup.add(h); else names.add(h);
        if (dup.size > 0) {
          opts.onWarning({ source: name, message: `duplicate column names in header: ${[...dup].join(', ')}; the last one wins` });
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
    // a consumer that stops early (an error downstream) must not leave the feed waiting for 'drain'
    if (!parser.readableEnded) parser.destroy();
    await feed;
  }
  if (raggedCount > 0) {
    opts.onWarning({
      source: name,
      message: `${raggedCount} row${raggedCount > 1 ? 's' : ''} had a different number of fields than the header (first: row ${firstRagged}); missing fields were read as empty, extra ones kept as columnN`,
    });
  }
}

async function* readJsonl(name: string, chunks: AsyncIterable<string>, opts: ReadOptions): AsyncGenerator<InputRecord> {
  let rest = '';
  let line = 0;
  let row = 0;
  function* handle(text: string): Generator<InputRecord> {
    line++;
    if (text.trim() === '') return;
    row++;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      opts.onReject({ source: name, row, line, reason: `invalid JSON: ${(err as Error).message}`, excerpt: excerptOf(text) });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      opts.onReject({ source: name, row, line, reason: 'not a JSON object', excerpt: excerptOf(text) });
      return;
    }
    yield { source: name, row, line, data: value as Row };
  }
  for await (const chunk of chunks) {
    const text = rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      yield* handle(text.slice(start, nl));
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest.length > 0) yield* handle(rest);
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { line++; last = i; }
  return { line, column: offset - last };
}

async function* readJson(name: string, chunks: AsyncIterable<string>, opts: ReadOptions): AsyncGenerator<InputRecord> {
  const parts: string[] = [];
  for await (const c of chunks) parts.push(c);
  const text = parts.join('');
  if (text.trim() === '') return;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const msg = (err as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const where = pos ? (({ line, column }) => ` at line ${line}, column ${column}`)(lineColumn(text, Number(pos[1]))) : '';
    throw new InputError(`${name}: invalid JSON${where}: ${msg}`);
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
      opts.onReject({ source: name, row, reason: 'not a JSON object', excerpt: excerptOf(JSON.stringify(item) ?? String(item)) });
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
