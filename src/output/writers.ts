/** Output formats. Each writer turns records into text chunks; the caller writes them. */
import { stringify } from 'csv-stringify/sync';
import type { ChalkInstance } from 'chalk';
import { jsonWithRank, recordOf, type Compact, type OutputRecord } from './record.js';
import type { FieldText } from '../core/matcher.js';
import { cut, eachCell, fit, type Cell } from '../core/display.js';

import type { OutputFormat } from './formats.js';
export { OUTPUT_FORMATS, formatOfName, type OutputFormat } from './formats.js';

export interface RecordWriter {
  begin(): string;
  /** one record; rank null when written in input order */
  write(c: Compact, rank: number | null): string;
  end(): string;
}

export function jsonlWriter(): RecordWriter {
  return { begin: () => '', write: (c, rank) => jsonWithRank(c, rank) + '\n', end: () => '' };
}

export function jsonWriter(): RecordWriter {
  let n = 0;
  return {
    begin: () => '[',
    write: (c, rank) => (n++ === 0 ? '\n' : ',\n') + jsonWithRank(c, rank),
    end: () => (n === 0 ? ']\n' : '\n]\n'),
  };
}

export const CSV_COLUMNS = ['rank', 'group', 'id', 'source', 'row', 'score', 'level', 'flagged', 'products', 'terms', 'hits', 'fingerprint'] as const;

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe, as OWASP advises. */
export function neutralize(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * CSV: the fixed columns, then the kept input fields (named as in the input,
 * prefixed "input." where a name collides with a fixed column). Text cells
 * that start with = + - @ tab or carriage return get a leading apostrophe
 * unless `formulas` is set.
 */
export function csvWriter(fieldNames: readonly string[], opts: { formulas?: boolean; model?: boolean } = {}): RecordWriter {
  const safe = (c: string) => (opts.formulas ? c : neutralize(c));
  const columns: string[] = [...CSV_COLUMNS, ...(opts.model ? ['model'] : [])];
  const fixed = new Set<string>(columns);
  const extra = fieldNames.map((f) => (fixed.has(f) ? `input.${f}` : f));
  return {
    begin: () => stringify([[...columns, ...extra]]),
    write: (c, rank) => {
      const r = recordOf(c, rank);
      return stringify([[
        r.rank, r.group, r.id, r.source, r.row, r.score, r.level, r.flagged,
        r.products.join(';'),
        [...new Set(r.hits.filter((h) => h.contribution !== 0).map((h) => h.match))].join(';'),
        JSON.stringify(r.hits),
        r.fingerprint ?? '',
        ...(opts.model ? [JSON.stringify(r.model ?? null)] : []),
        ...fieldNames.map((f) => cell(r.fields[f])),
      ].map((v) => (typeof v === 'string' ? safe(v) : cell(v)))]);
    },
    end: () => '',
  };
}

export interface TableOptions {
  chalk: ChalkInstance;
  width: number;
}

const LEVEL_STYLE = {
  high: (c: ChalkInstance) => c.red.bold,
  medium: (c: ChalkInstance) => c.yellow,
  low: (c: ChalkInstance) => c.cyan,
  none: (c: ChalkInstance) => c.dim,
};

/**
 * At most `width` columns of one field, around the anchor hit (a third of
 * the room before it) or from the start: counted hit spans highlighted,
 * white space folded, '…' (inside the width) where the text was cut, and
 * control characters shown as escapes (core/display.ts). Returns the text
 * and the columns it takes.
 */
function window(text: string, spans: readonly (readonly [number, number])[], anchor: { start: number; end: number } | undefined, width: number, c: ChalkInstance): [string, number] {
  if (width <= 0) return ['', 0];
  // hit offsets are in code points of the original text: each cell keeps its own.
  // Cells are read up to a little more than `width` columns past the anchor (or the start), not the whole field.
  const cs: Cell[] = [];
  let past = 0;
  let complete = true;
  for (const x of eachCell(text.replace(/\s/g, ' '))) {
    const space = x.text === ' ';
    if (space && (cs.length === 0 || cs[cs.length - 1]!.text === ' ')) continue;
    if (!space && past > width) { complete = false; break; }
    cs.push(x);
    if (!anchor || x.start >= anchor.end) past += x.width;
  }
  if (complete) while (cs.length > 0 && cs[cs.length - 1]!.text === ' ') cs.pop();
  const n = cs.length;
  const sum = (from: number, to: number) => { let w = 0; for (let i = from; i < to; i++) w += cs[i]!.width; return w; };
  /** the end of the run of cells from `from` that fits in `room` columns */
  const fill = (from: number, room: number) => {
    let to = from;
    for (let w = 0; to < n && w + cs[to]!.width <= room; to++) w += cs[to]!.width;
    return to;
  };
  let from = 0;
  let to = n;
  if (!complete || sum(0, n) > width) {
    // both ends cut: '…' at each end, the hit a third of the way in
    const room = width - 2;
    if (anchor) {
      const at = (p: number) => { const i = cs.findIndex((x) => x.start >= p); return i < 0 ? n : i; };
      const a = at(anchor.start);
      const lead = Math.max(0, Math.floor((room - sum(a, at(anchor.end))) / 3));
      from = a;
      for (let w = 0; from > 0 && w + cs[from - 1]!.width <= lead; from--) w += cs[from - 1]!.width;
    }
    to = from > 0 ? fill(from, room) : fill(0, width - 1);
    if (from > 0 && to === n && complete) {
      // the end is reached: fill back from it, one '…' at the start
      from = n;
      for (let w = 0; from > 0 && w + cs[from - 1]!.width <= width - 1; from--) w += cs[from - 1]!.width;
    }
  }
  let out = from > 0 ? '…' : '';
  let run = '';
  let runLit = false;
  const flush = () => { out += runLit ? c.bold.underline(run) : run; run = ''; };
  for (let i = from; i < to; i++) {
    const p = cs[i]!.start;
    const lit = spans.some(([s, e]) => p >= s && p < e);
    if (lit !== runLit) { flush(); runLit = lit; }
    run += cs[i]!.text;
  }
  flush();
  const more = to < n || !complete;
  if (more) out += '…';
  return [out, sum(from, to) + (from > 0 ? 1 : 0) + (more ? 1 : 0)];
}

/**
 * A one-line excerpt of at most `width` columns: the field with the strongest
 * hit (else the first non-empty one) around that hit, then the other text
 * fields while room remains, matched terms highlighted.
 */
export function excerpt(r: OutputRecord, texts: readonly FieldText[], c: ChalkInstance, width: number): string {
  const counted = r.hits.filter((h) => h.contribution > 0).sort((a, b) => b.contribution - a.contribution);
  const best = counted[0] ?? r.hits[0];
  const nonEmpty = texts.filter((t) => t.text.trim() !== '');
  const first = (best ? nonEmpty.find((t) => t.name === best.field) : undefined) ?? nonEmpty[0];
  if (!first) return '';
  const order = [first, ...nonEmpty.filter((t) => t !== first)];
  const parts: string[] = [];
  let room = width;
  for (const t of order) {
    if (parts.length > 0 && room < 12) break;
    const spans = r.hits.filter((h) => h.field === t.name && h.contribution > 0).map((h) => [h.start, h.end] as const);
    const anchor = best && best.field === t.name ? best : undefined;
    const [shown, w] = window(t.text, spans, anchor, room, c);
    parts.push(shown);
    room -= w + 3;
  }
  return parts.join(c.dim(' | '));
}

/**
 * Column widths of the table at `width` terminal columns: rank, score and
 * level are fixed (26 columns with the gaps); the excerpt takes the rest and
 * keeps at least 30 while products (down to 10) and id (down to 6) can give
 * way. From 42 columns up no line is wider than `width`.
 */
export function tableLayout(width: number): { id: number; products: number; excerpt: number } {
  let id = 12;
  let products = 24;
  let ex = width - 26 - id - products;
  const giveFromProducts = Math.max(0, Math.min(products - 10, 30 - ex));
  products -= giveFromProducts;
  ex += giveFromProducts;
  const giveFromId = Math.max(0, Math.min(id - 6, 30 - ex));
  id -= giveFromId;
  ex += giveFromId;
  return { id, products, excerpt: Math.max(0, ex) };
}

/**
 * The table: one line per record, no line wider than `width` columns
 * (display width: CJK and emoji count 2); ids, products and excerpts are
 * cut by display width, control characters in them shown as escapes.
 */
export function tableWriter(opts: TableOptions): RecordWriter {
  const c = opts.chalk;
  const L = tableLayout(opts.width);
  return {
    begin: () => c.bold(`${'rank'.padStart(5)}  ${'score'.padEnd(6)} ${'level'.padEnd(6)}  ${fit('id', L.id)}  ${fit('products', L.products)}  ${cut('excerpt', L.excerpt)}`) + '\n',
    write: (compact, rank) => {
      const r = recordOf(compact, rank);
      const level = LEVEL_STYLE[r.level](c)(r.level.padEnd(6));
      const head = `${String(r.rank ?? '-').padStart(5)}  ${r.score.toFixed(3).padEnd(6)} `;
      const line = `${head}${level}  ${fit(r.id, L.id)}  ${fit(r.products.join(','), L.products)}  `;
      // a rank wider than its 5 columns takes its room from the excerpt
      const room = L.excerpt - Math.max(0, head.length - 14);
      return `${line}${excerpt(r, compact.texts ?? [], c, room)}\n`;
    },
    end: () => '',
  };
}

export interface WriterOptions {
  /** kept input fields, as CSV columns */
  fieldNames?: readonly string[];
  /** CSV: keep formula-like cells as they are */
  formulas?: boolean;
  /** CSV: a `model` column (the record's model part as JSON), when scored with a model */
  model?: boolean;
  /** the table's colours and width (table format only) */
  table?: TableOptions;
}

/** The writer of an output format. */
export function writerFor(format: OutputFormat, o: WriterOptions = {}): RecordWriter {
  if (format === 'json') return jsonWriter();
  if (format === 'csv') return csvWriter(o.fieldNames ?? [], { formulas: o.formulas === true, model: o.model === true });
  if (format === 'table') {
    if (!o.table) throw new TypeError('the table format needs its table options');
    return tableWriter(o.table);
  }
  return jsonlWriter();
}

/** The format an output file's name asks for (.csv, .json, .jsonl or .ndjson), if any. */
