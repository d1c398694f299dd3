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
import { compressionOf, countChar, decodeChunks, decompress, encodingFromBom, isGzip, type DecodeStats } from './decode.js';
import { deeperThan, MAX_DEPTH, type Row } from '../core/fields.js';

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
  /** CSV: `line` is csv-parse's count, in which a \r\n inside quotes is two lines (blocks shift it by csv-parse's count, input/blocks.ts) */
  parserLine?: boolean;
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
  /**
   * a longer record (a CSV record, a JSONL line) is rejected while it is read,
   * without holding more than this many characters of it (default: 4 times
   * maxFieldSize, at least 8,000,000)
   */
  maxRecordSize?: number;
  /** a JSON document (read whole) longer than this many characters is an InputError (default 100,000,000) */
  maxJsonSize?: number;
  /** a JSON record nesting objects and arrays deeper than this (the record is level 1) is rejected (default MAX_DEPTH, 100) */
  maxDepth?: number;
  /** text fields to score, as dotted paths (default: the usual names, else every string field) */
  text?: string[];
  /** the listing id field (default: id, listing_id or url, else the row number) */
  id?: string;
  /** fields that describe the seller or the page, scored as context (default: DEFAULT_CONTEXT_FIELDS present; [] for none) */
  context?: string[];
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
/** Least default record-size limit, in characters; the default is 4 x the field-size limit when that is more. */
export const DEFAULT_MAX_RECORD_SIZE = 8_000_000;
/** JSON is parsed whole: 100 M characters take about 2 GB of heap once parsed into objects; JSON Lines has no such limit. */
export const DEFAULT_MAX_JSON_SIZE = 100_000_000;

/** Whether text holds more than `max` opening brackets (fewer cannot nest deeper than `max`): a quick test before walking a value. */
function bracketsOver(text: string, max: number): boolean {
  let n = 0;
  for (const b of ['{', '[']) for (let i = text.indexOf(b); i >= 0; i = text.indexOf(b, i + 1)) if (++n > max) return true;
  return false;
}

/** An excerpt of a JSON value that does not descend into it (it may be too deep to print). */
function shallowExcerpt(v: object): string {
  if (Array.isArray(v)) return `[${v.length} items]`;
  const parts = Object.entries(v).slice(0, 8).map(([k, x]) => `${JSON.stringify(k)}:${x !== null && typeof x === 'object' ? (Array.isArray(x) ? '[…]' : '{…}') : String(JSON.stringify(x)).slice(0, 80)}`);
  return excerptOf(`{${parts.join(',')}}`);
}

/** The record-size limit of some settings, and how a rejection explains it. */
export function recordLimitOf(s: Pick<ReadSettings, 'maxFieldSize' | 'maxRecordSize'>): { limit: number; why: string } {
  if (s.maxRecordSize !== undefined) return { limit: s.maxRecordSize, why: 'the record-size limit' };
  const limit = Math.max(DEFAULT_MAX_RECORD_SIZE, 4 * (s.maxFieldSize ?? DEFAULT_MAX_FIELD_SIZE));
  return { limit, why: `the record-size limit: 4 times the field-size limit, at least ${DEFAULT_MAX_RECORD_SIZE}` };
}

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
  /** the file's path, for an input that is a file (worker threads read it in blocks) */
  path?: string;
}

export function fileInput(p: string): InputSpec {
  let size: number | undefined;
  try { size = statSync(p).size; } catch { /* reported when it is opened */ }
  return { name: p, path: p, open: () => createReadStream(p), ...(size !== undefined ? { size } : {}) };
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

/** How an input's text is laid out: decided once per input, from its name, the options and its first 64 KB. */
export interface TextLayout {
  format: InputFormat;
  /** the CSV delimiter (unused for JSON and JSON Lines) */
  delimiter: string;
}

/**
 * What reading an input counts on the way, for the warnings at its end and
 * for numbering: one per input, or one per block when worker threads read
 * an input in blocks (input/blocks.ts), added up in input order.
 */
export interface ReadTally {
  /** records yielded */
  records: number;
  /** string fields cut to the field-size limit, and the first one */
  cut: number;
  firstCut?: { row: number; field: string };
  /** invalid byte sequences replaced by U+FFFD (the decoder counts them here), and the first row that has one */
  replaced: number;
  firstBadRow: number;
  /** CSV rows with another number of fields than the header, and the first */
  ragged: number;
  firstRagged: number;
  /** row numbers used (records and rejects) */
  rows: number;
  /** JSON Lines: lines read; CSV: lines as the record guard counts them */
  lines: number;
  /** CSV: lines as csv-parse counts them (a \r\n inside quotes is two, a record's \r\n end one), with the lines of dropped records */
  parserLines: number;
  /** CSV: csv-parse's count of lines up to the header's line end */
  headerParserLines?: number;
  /** CSV: csv-parse rejected the header line itself */
  headerRejected?: boolean;
}

export function newTally(): ReadTally {
  return { records: 0, cut: 0, replaced: 0, firstBadRow: 0, ragged: 0, firstRagged: 0, rows: 0, lines: 0, parserLines: 0 };
}

/** Adds the tally of a block whose rows come after `rows` rows of the input to the input's tally. */
export function addTally(into: ReadTally, t: ReadTally, rows: number): void {
  into.records += t.records;
  if (into.cut === 0 && t.firstCut) into.firstCut = { row: t.firstCut.row + rows, field: t.firstCut.field };
  into.cut += t.cut;
  into.replaced += t.replaced;
  if (into.firstBadRow === 0 && t.firstBadRow > 0) into.firstBadRow = t.firstBadRow + rows;
  if (into.ragged === 0 && t.ragged > 0) into.firstRagged = t.firstRagged + rows;
  into.ragged += t.ragged;
  into.rows += t.rows;
  into.lines += t.lines;
  into.parserLines += t.parserLines;
}

/** The warnings at the end of an input, from its tally. `empty`: the input's text is blank. */
export function tallyWarnings(name: string, t: ReadTally, encoding: string, limit: number, empty: boolean): Warning[] {
  const out: Warning[] = [];
  if (t.ragged > 0) {
    out.push({
      source: name,
      message: `${t.ragged} row${t.ragged > 1 ? 's' : ''} had a different number of fields than the header (first: row ${t.firstRagged}); missing fields were read as empty, extra ones kept as columnN`,
    });
  }
  if (t.replaced > 0) {
    out.push({ source: name, message: `${t.replaced} invalid ${encoding} byte sequence${t.replaced === 1 ? '' : 's'} replaced by U+FFFD${t.firstBadRow ? ` (first in row ${t.firstBadRow})` : ''}; is --encoding right?` });
  }
  if (t.cut > 0) out.push({ source: name, message: `${t.cut} field${t.cut === 1 ? '' : 's'} longer than ${limit} characters cut to that length (first: row ${t.firstCut!.row} field ${t.firstCut!.field})`, option: 'maxFieldSize' });
  if (t.records === 0) out.push({ source: name, message: empty ? 'empty input: no rows' : 'no rows (a header only, or nothing but rejected records)' });
  return out;
}

/** An input opened: its layout, encoding and text, and whether its start is blank. */
export interface OpenedText {
  layout: TextLayout;
  encoding: string;
  /** the text chunks, from the start */
  text: AsyncGenerator<string>;
  /** the first 64 KB of text is blank */
  blank: boolean;
  compressed: boolean;
  /** invalid bytes replaced while decoding (counted as the text is read) */
  stats: DecodeStats;
}

/** Opens an input: decompression, encoding, format and delimiter, as every reader decides them. */
export async function openText(input: InputSpec, opts: ReadOptions): Promise<OpenedText> {
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
  const delimiter = opts.delimiter ?? (format === 'tsv' ? '\t' : sniffDelimiter(headText));
  return { layout: { format, delimiter }, encoding, text: text.all, blank: headText.trim() === '', compressed: compression !== undefined, stats };
}

/** Records of one input, in order. */
export async function* readRecords(input: InputSpec, opts: ReadOptions): AsyncGenerator<InputRecord> {
  const opened = await openText(input, opts);
  const tally = newTally();
  yield* recordsOfText(input.name, opened.text, opened.layout, opts, tally, opened.stats);
  for (const w of tallyWarnings(input.name, tally, opened.encoding, opts.maxFieldSize ?? DEFAULT_MAX_FIELD_SIZE, opened.blank)) opts.onWarning(w);
}

/**
 * The records of some text laid out as `layout`, counted in `tally`: long
 * fields cut, rows with replaced bytes noted. `decoded` holds the count of
 * invalid bytes its decoder replaced so far.
 */
export async function* recordsOfText(name: string, text: AsyncIterable<string>, layout: TextLayout, opts: ReadOptions, tally: ReadTally, decoded: DecodeStats): AsyncGenerator<InputRecord> {
  const { format } = layout;
  const limit = opts.maxFieldSize ?? DEFAULT_MAX_FIELD_SIZE;
  try {
    let records: AsyncGenerator<InputRecord>;
    if (format === 'json') records = readJson(name, text, opts, tally);
    else if (format === 'jsonl') records = readJsonl(name, text, opts, tally);
    else records = readCsv(name, text, layout.delimiter, opts, tally);
    for await (const rec of records) {
      tally.records++;
      for (const [k, v] of Object.entries(rec.data)) {
        if (typeof v === 'string' && v.length > limit) {
          rec.data[k] = v.slice(0, limit);
          if (tally.cut++ === 0) tally.firstCut = { row: rec.row, field: k };
        }
      }
      if (decoded.replaced > 0 && tally.firstBadRow === 0 && Object.values(rec.data).some((v) => typeof v === 'string' && v.includes('\uFFFD'))) tally.firstBadRow = rec.row;
      yield rec;
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code && /^E[A-Z]+$/.test(e.code)) throw openError(name, err);
    throw err;
  } finally {
    tally.replaced = decoded.replaced;
  }
}

/** Stands for a CSV record dropped while reading: one unquoted field (a NUL is never the delimiter). */
export const DROPPED = '\u0000wildsift: record too long\u0000';

export interface DroppedRecord {
  line: number;
  /** line breaks inside the record (csv-parse counts one line for its stand-in) */
  breaks: number;
  excerpt: string;
}

/** The first `max` characters of some pieces of text. */
function headOf(pieces: readonly string[], max = 200): string {
  let out = '';
  for (const p of pieces) { if (out.length >= max) break; out += p.slice(0, max - out.length); }
  return out;
}

/**
 * Where CSV records end, found as csv-parse finds them: the record delimiter
 * is the first line end outside quotes (\n, \r\n or \r, whichever comes
 * first in the input); a field is quoted when it starts with a quote; inside
 * quotes "" is a quote and any other quote ends the quoting. One pass,
 * jumping from quote to quote or line end. Every character the rule looks at
 * is ASCII, so the same scan over UTF-8 bytes read as latin1 finds record
 * ends as byte offsets (how worker threads split an input, input/split.ts).
 */
export class CsvScanner {
  /** the input's record delimiter, once a line end was seen */
  eol: '\n' | '\r\n' | '\r' | undefined;
  private quoting = false;
  /** previous character of the current record; -1 at its start */
  private prev = -1;
  private readonly delim: number;
  private readonly stops = /["\n\r]/g;
  constructor(delimiter: string) {
    this.delim = delimiter.length === 1 ? delimiter.charCodeAt(0) : -1;
  }

  /** The character that counts lines: \r in a file whose records end with \r, else \n. */
  get lineBreak(): '\n' | '\r' {
    return this.eol === '\r' ? '\r' : '\n';
  }

  /**
   * Calls `onEnd(j)` for every record of `c` that ends with c[j], in order,
   * and returns where `c` stops being decided: unless `final`, a quote or
   * \r as the last character needs the next one, and the text from the
   * returned index on must come again at the head of the next piece.
   */
  scan(c: string, final: boolean, onEnd: (j: number) => void): number {
    const n = c.length;
    const stops = this.stops;
    let i = 0;
    while (i < n) {
      if (this.quoting) {
        const q = c.indexOf('"', i);
        if (q < 0) return n;
        if (q + 1 >= n && !final) return q;
        if (q + 1 < n && c.charCodeAt(q + 1) === 0x22) { i = q + 2; continue; }
        this.quoting = false;
        this.prev = 0x22;
        i = q + 1;
        continue;
      }
      stops.lastIndex = i;
      const m = stops.exec(c);
      const k = m ? m.index : n;
      if (k > i) this.prev = c.charCodeAt(k - 1);
      if (m === null) return n;
      const ch = c.charCodeAt(k);
      i = k + 1;
      if (ch === 0x22) {
        if (this.prev === -1 || this.prev === this.delim) this.quoting = true;
        this.prev = ch;
      } else if (ch === 0x0d) {
        if (k + 1 >= n && !final) return k;
        const lf = k + 1 < n && c.charCodeAt(k + 1) === 0x0a;
        this.eol ??= lf ? '\r\n' : '\r';
        if (this.eol === '\r') { this.prev = -1; onEnd(k); }
        else if (lf) { this.prev = -1; onEnd(k + 1); i = k + 2; }
        else this.prev = ch;
      } else {
        this.eol ??= '\n';
        if (this.eol === '\n') { this.prev = -1; onEnd(k); }
        else this.prev = ch;
      }
    }
    return n;
  }
}

/**
 * Passes CSV text on to csv-parse whole records at a time (record ends from
 * CsvScanner), holding at most `limit` characters (plus a chunk) of a
 * record: a longer record is dropped while it is read and replaced by one
 * DROPPED record, so that csv-parse numbers the rows as before and memory
 * stays bounded whatever the input (no line break at all, or a quote never
 * closed). Lines are counted as the scanner's line-break character.
 * csv-parse's own max_record_size alone will not do: with
 * skip_records_with_error it also drops the rest of the chunk it is parsing,
 * the records after the long one included (7.0.3). `counted.lines`, when
 * given, is the line after the text once it has all been read.
 */
export async function* guardCsv(chunks: AsyncIterable<string>, delimiter: string, limit: number, dropped: DroppedRecord[], counted?: { lines: number }): AsyncGenerator<string> {
  const scanner = new CsvScanner(delimiter);
  let held: string[] = [];
  let heldSize = 0;
  let skipping = false;
  let excerpt = '';
  /** line of the current record's start, and line breaks in it so far */
  let recordLine = 1;
  let breaks = 0;
  let carry = '';

  function take(c: string, final: boolean): string[] {
    const out: string[] = [];
    /** start of the part of c in the current record that is not yet held */
    let seg = 0;
    const stopAt = scanner.scan(c, final, (j) => {
      if (!skipping && heldSize + (j + 1 - seg) > limit) { excerpt = headOf([...held, c.slice(seg, seg + 200)]); skipping = true; }
      // the record's own line breaks, without the one that ends it
      const inRecord = breaks + countChar(c, scanner.lineBreak, seg, j + 1) - 1;
      if (skipping) {
        out.push(DROPPED + (scanner.eol ?? '\n'));
        dropped.push({ line: recordLine, breaks: inRecord, excerpt });
        skipping = false;
      } else {
        for (const h of held) out.push(h);
        out.push(c.slice(seg, j + 1));
      }
      held = [];
      heldSize = 0;
      seg = j + 1;
      recordLine += inRecord + 1;
      breaks = 0;
    });
    carry = c.slice(stopAt);
    breaks += countChar(c, scanner.lineBreak, seg, stopAt);
    if (stopAt > seg && !skipping) { held.push(c.slice(seg, stopAt)); heldSize += stopAt - seg; }
    if (!skipping && heldSize > limit) { excerpt = headOf(held); skipping = true; held = []; heldSize = 0; }
    return out;
  }

  for await (const chunk of chunks) {
    const out = take(carry + chunk, false);
    if (out.length > 0) yield out.join('');
  }
  const out = take(carry, true);
  // the last record, without a line end
  if (skipping) { out.push(DROPPED); dropped.push({ line: recordLine, breaks, excerpt }); } else out.push(...held);
  if (counted) counted.lines = recordLine + breaks;
  if (out.length > 0) yield out.join('');
}

async function* readCsv(name: string, chunks: AsyncIterable<string>, delimiter: string, opts: ReadOptions, tally: ReadTally): AsyncGenerator<InputRecord> {
  const { limit, why } = recordLimitOf(opts);
  const dropped: DroppedRecord[] = [];
  // records dropped so far by the parser's count, and the line breaks they took with them
  let droppedSeen = 0;
  let lineShift = 0;
  const guarded = { lines: 1 };
  // Rows are numbered at parse time, where skipped records are known in order.
  let skips = 0;
  let lastSkip = '';
  const parser = parseCsv({
    bom: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    raw: true,
    // a backstop only: guardCsv passes on no longer record
    max_record_size: limit,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined, raw: string | undefined): undefined => {
      if (!err) return;
      const records = (err as unknown as { records?: number }).records ?? 0;
      // csv-parse may report several errors for one record: report the record once
      const key = `${records}:${skips}`;
      if (key === lastSkip) return;
      lastSkip = key;
      const row = Math.max(1, records + skips);
      if (records === 0) tally.headerRejected = true;
      skips++;
      tally.rows = Math.max(tally.rows, row);
      const line = lineOf(err);
      opts.onReject({ source: name, row, ...(line !== undefined ? { line: line + lineShift, parserLine: true } : {}), reason: `malformed CSV: ${withoutLine(err.message)}`, ...(raw ? { excerpt: excerptOf(raw) } : {}) });
    },
    on_record: (item: { record: string[] } | string[], ctx: { records: number }) => {
      const record = Array.isArray(item) ? item : item.record;
      const gone = record.length === 1 && record[0] === DROPPED ? dropped[droppedSeen++] : undefined;
      const row = ctx.records - 1 + skips;
      tally.rows = Math.max(tally.rows, row);
      // csv-parse's count of the header's lines, less its line end (a block's reader takes them off, input/blocks.ts)
      if (ctx.records === 1) tally.headerParserLines = (ctx as unknown as { lines: number }).lines;
      if (gone) {
        lineShift += gone.breaks;
        // reported here, in order with the parser's own rejects; a header is an error below
        if (ctx.records > 1) opts.onReject({ source: name, row, line: gone.line, reason: `record longer than ${limit} characters (${why}), dropped while reading`, excerpt: excerptOf(gone.excerpt) });
      }
      return { record, row, dropped: gone } as unknown as string[];
    },
  });
  // wait for the parser to take more, or to be closed (the reader stopped early)
  const drained = () => new Promise<void>((resolve) => {
    // closed already: 'close' was emitted before this wait began (a write to a destroyed parser returns false)
    if (parser.destroyed) { resolve(); return; }
    const done = () => { parser.off('drain', done); parser.off('close', done); resolve(); };
    parser.on('drain', done);
    parser.on('close', done);
  });
  const feed = (async () => {
    try {
      for await (const c of guardCsv(chunks, delimiter, limit, dropped, guarded)) {
        if (parser.destroyed) return;
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
    for await (const item of parser as AsyncIterable<{ record: string[]; row: number; dropped?: DroppedRecord }>) {
      const rec = item.record;
      if (item.dropped !== undefined) {
        if (header === undefined) throw new InputError(`${name}: the header line is longer than ${limit} characters (${why}); is this CSV?`);
        continue;
      }
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
      if (rec.length !== header.length && tally.ragged++ === 0) tally.firstRagged = row;
      // no prototype: a column named __proto__ is a field like any other (on {} it would set the prototype)
      const data: Row = Object.create(null) as Row;
      for (let i = 0; i < header.length; i++) data[header[i]!] = rec[i] ?? '';
      for (let i = header.length; i < rec.length; i++) data[`column${i + 1}`] = rec[i]!;
      yield { source: name, row, data };
    }
  } finally {
    // a consumer that stops early (an error downstream) must not leave the feed waiting for 'drain'
    if (!parser.readableEnded) parser.destroy();
    await feed;
  }
  // where the next block's numbering goes on (input/blocks.ts): lines before the last one
  tally.lines = guarded.lines - 1;
  tally.parserLines = (parser.info as { lines: number }).lines - 1 + lineShift;
}

async function* readJsonl(name: string, chunks: AsyncIterable<string>, opts: ReadOptions, tally: ReadTally): AsyncGenerator<InputRecord> {
  const { limit, why } = recordLimitOf(opts);
  const maxDepth = opts.maxDepth ?? MAX_DEPTH;
  let line = 0;
  let row = 0;
  function* handle(text: string): Generator<InputRecord> {
    line++;
    // a byte-order mark where files were joined (cat a.jsonl b.jsonl)
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
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
    if (bracketsOver(text, maxDepth) && deeperThan(value, maxDepth)) {
      opts.onReject({ source: name, row, line, reason: `nested deeper than ${maxDepth} levels`, excerpt: excerptOf(text) });
      return;
    }
    yield { source: name, row, line, data: value as Row };
  }
  // the current line's text so far: at most `limit` characters are held; a longer line is rejected and skipped to its end
  let held: string[] = [];
  let size = 0;
  let skipping = false;
  for await (const chunk of chunks) {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      const end = nl < 0 ? chunk.length : nl;
      if (!skipping && size + (end - start) > limit) {
        line++;
        row++;
        opts.onReject({ source: name, row, line, reason: `line longer than ${limit} characters (${why}), skipped while reading`, excerpt: excerptOf(headOf([...held, chunk.slice(start, Math.min(end, start + 200))])) });
        skipping = true;
        held = [];
        size = 0;
      }
      if (nl < 0) {
        if (!skipping && end > start) { held.push(chunk.slice(start)); size += end - start; }
        break;
      }
      if (skipping) skipping = false;
      else {
        held.push(chunk.slice(start, nl));
        yield* handle(held.length === 1 ? held[0]! : held.join(''));
        held = [];
        size = 0;
      }
      start = nl + 1;
    }
  }
  if (!skipping && held.length > 0) yield* handle(held.join(''));
  tally.rows = row;
  tally.lines = line;
}

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { line++; last = i; }
  return { line, column: offset - last };
}

async function* readJson(name: string, chunks: AsyncIterable<string>, opts: ReadOptions, tally: ReadTally): AsyncGenerator<InputRecord> {
  // parsed whole: bounded, since a string and JSON.parse have their limits (V8 strings end near 512 M characters)
  const max = opts.maxJsonSize ?? DEFAULT_MAX_JSON_SIZE;
  const parts: string[] = [];
  let size = 0;
  for await (const c of chunks) {
    size += c.length;
    if (size > max) throw new InputError(`${name}: JSON document longer than ${max} characters; a JSON document is read whole, JSON Lines (one object a line) a record at a time: convert it, e.g. jq -c '.[]'`);
    parts.push(c);
  }
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
  const maxDepth = opts.maxDepth ?? MAX_DEPTH;
  const mayBeDeep = bracketsOver(text, maxDepth);
  let row = 0;
  for (const item of items) {
    row++;
    if (mayBeDeep && deeperThan(item, maxDepth)) {
      opts.onReject({ source: name, row, reason: `nested deeper than ${maxDepth} levels`, excerpt: shallowExcerpt(item as object) });
      continue;
    }
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      opts.onReject({ source: name, row, reason: 'not a JSON object', excerpt: excerptOf(JSON.stringify(item) ?? String(item)) });
      continue;
    }
    yield { source: name, row, data: item as Row };
  }
  tally.rows = row;
}

/** csv-parse's message without its "at line n": the reject gives the line (csv-parse's count does not know of dropped records, nor of blocks) */
function withoutLine(message: string): string {
  return message.replace(/ (?:at|on) line \d+/g, '');
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
