/**
 * An input read in blocks, so that worker threads can parse it too (#15).
 * The main thread finds where blocks may end: after a CSV record, found with
 * the scan the CSV guard uses (CsvScanner over the bytes read as latin1:
 * every character it looks at is ASCII, so its offsets are byte offsets), or
 * after a line of JSON Lines. Each block is then read on its own by the same
 * readers, a CSV block with the header in front. A block numbers its rows
 * and lines from its own start and its tally says how many it used, so the
 * blocks before it give its offsets (BlockOffsets): read in order, the
 * blocks give the records, rejects and warnings of one reading of the whole
 * input. Only plain UTF-8 files of CSV, TSV or JSON Lines split; compressed
 * inputs, other encodings, JSON documents and streams are read whole.
 */
import { createReadStream } from 'node:fs';
import { countChar, decodeChunks, type DecodeStats } from './decode.js';
import {
  addTally, CsvScanner, DEFAULT_MAX_FIELD_SIZE, newTally, openText, recordsOfText, tallyWarnings,
  type InputRecord, type InputSpec, type ReadOptions, type ReadSettings, type ReadTally, type Reject, type TextLayout, type Warning,
} from './read.js';

export interface BlockLayout extends TextLayout {
  /** CSV: the header record's text with its line end, read in front of every block; '' for JSON Lines */
  header: string;
  /** the header's lines as the record guard counts them, and as csv-parse does: a block's reader takes them off */
  headerLines: number;
  headerParserLines: number;
}

/** Bytes [start, end) of a file. */
export interface ByteRange {
  start: number;
  end: number;
}

/** A file that reads in blocks: what every block needs to be read, and where blocks end. */
export interface BlockInput {
  path: string;
  name: string;
  layout: BlockLayout;
  /** the first 64 KB of text is blank (for the end-of-input warnings) */
  blank: boolean;
  /** where the first block starts: after the header (and a byte-order mark) */
  first: number;
}

const PEEK = 256 * 1024;

/**
 * The block form of an input, or undefined when it must be read whole:
 * not a file, compressed, not UTF-8, a JSON document, a delimiter that is not
 * one ASCII character, or a CSV header that does not end within the first
 * 256 KB (an empty file, a header without a line end).
 */
export async function blockInput(input: InputSpec, settings: ReadSettings): Promise<BlockInput | undefined> {
  if (input.path === undefined) return undefined;
  const path = input.path;
  const ignore = () => undefined;
  // detected as readRecords detects it, from the same first chunks
  const opened = await openText({ name: input.name, open: () => createReadStream(path, { end: PEEK - 1 }) }, { ...settings, onReject: ignore, onWarning: ignore, onBroken: ignore });
  if (opened.compressed || new TextDecoder(opened.encoding).encoding !== 'utf-8') {
    await opened.text.return(undefined);
    return undefined;
  }
  let head = '';
  for await (const t of opened.text) head += t;
  const { format, delimiter } = opened.layout;
  if (format === 'json') return undefined;
  if (format === 'jsonl') return { path, name: input.name, layout: { format, delimiter, header: '', headerLines: 0, headerParserLines: 0 }, blank: opened.blank, first: 0 };
  if (delimiter.length !== 1 || delimiter.charCodeAt(0) > 0x7f || '"\r\n'.includes(delimiter)) return undefined;
  let end = -1;
  const scanner = new CsvScanner(delimiter);
  scanner.scan(head, false, (j) => { if (end < 0) end = j + 1; });
  if (end < 0) return undefined;
  const header = head.slice(0, end);
  // the header read alone: csv-parse must take it as the header (else the first record after it would be, in every block)
  const tally = newTally();
  for await (const _ of recordsOfText(input.name, (async function* () { yield header; })(), { format, delimiter }, { ...settings, onReject: ignore, onWarning: ignore }, tally, { replaced: 0 })) { /* a header only: no records */ }
  if (tally.headerRejected || tally.headerParserLines === undefined) return undefined;
  const layout = { format, delimiter, header, headerLines: countChar(header, scanner.lineBreak), headerParserLines: tally.headerParserLines };
  return { path, name: input.name, layout, blank: opened.blank, first: Buffer.byteLength(header) + (await startsWithBom(path) ? 3 : 0) };
}

/** Where the blocks of at least `blockBytes` bytes of an input end, in order; the last one ends at the end of the file. */
export async function* blockRanges(b: BlockInput, blockBytes: number): AsyncGenerator<ByteRange> {
  const first = b.first;
  const scanner = b.layout.header === '' ? undefined : new CsvScanner(b.layout.delimiter);
  // the scanner starts in the header's state: it knows the record delimiter
  scanner?.scan(b.layout.header, false, () => undefined);
  let start = first;
  let pos = first;
  let carry = '';
  const done: ByteRange[] = [];
  const cut = (end: number) => { if (end - start >= blockBytes) { done.push({ start, end }); start = end; } };
  for await (const buf of createReadStream(b.path, { start: first, highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const c = carry + buf.toString('latin1');
    const base = pos - carry.length;
    if (scanner) carry = c.slice(scanner.scan(c, false, (j) => cut(base + j + 1)));
    else {
      // JSON Lines: the first line end at least blockBytes after the block's start
      for (let k = c.indexOf('\n', Math.max(0, start + blockBytes - 1 - base)); k >= 0; k = c.indexOf('\n', Math.max(k + 1, start + blockBytes - 1 - base))) cut(base + k + 1);
    }
    pos += buf.length;
    yield* done;
    done.length = 0;
  }
  if (pos > start) yield { start, end: pos };
}

async function startsWithBom(path: string): Promise<boolean> {
  for await (const b of createReadStream(path, { start: 0, end: 2 }) as AsyncIterable<Buffer>) return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
  return false;
}

/**
 * The records of one block, numbered from the block's start; its rejects go
 * to `opts.onReject`, its counts into `tally`, the header's lines taken out.
 */
export async function* blockRecords(b: BlockInput, range: ByteRange, opts: ReadOptions, tally: ReadTally): AsyncGenerator<InputRecord> {
  const decoded: DecodeStats = { replaced: 0 };
  const { header } = b.layout;
  async function* text(): AsyncGenerator<string> {
    if (header !== '') yield header;
    // a byte-order mark is dropped at the start of the file only, as when the whole file is read
    yield* decodeChunks(createReadStream(b.path, { start: range.start, end: range.end - 1 }) as AsyncIterable<Buffer>, 'utf-8', decoded, range.start > 0);
  }
  yield* recordsOfText(b.name, text(), b.layout, opts, tally, decoded);
  tally.lines -= b.layout.headerLines;
  tally.parserLines -= b.layout.headerParserLines;
}

/**
 * Numbers the records and rejects of blocks, given in input order, as one
 * reading of the whole input numbers them, and gives that reading's
 * end-of-input warnings.
 */
export class BlockOffsets {
  readonly tally: ReadTally = newTally();
  constructor(private readonly b: BlockInput) {}

  record(r: InputRecord): InputRecord {
    r.row += this.tally.rows;
    if (r.line !== undefined) r.line += this.tally.lines;
    return r;
  }

  reject(r: Reject): Reject {
    const out = { ...r, row: r.row + this.tally.rows };
    if (out.line !== undefined) out.line += r.parserLine ? this.tally.parserLines : this.tally.lines;
    return out;
  }

  /** After a block's records and rejects: its tally. */
  add(t: ReadTally): void {
    addTally(this.tally, t, this.tally.rows);
  }

  warnings(settings: ReadSettings): Warning[] {
    return tallyWarnings(this.b.name, this.tally, 'utf-8', settings.maxFieldSize ?? DEFAULT_MAX_FIELD_SIZE, this.b.blank);
  }
}
