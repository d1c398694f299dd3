/** Output formats. Each writer turns records into text chunks; the caller writes them. */
import { stringify } from 'csv-stringify/sync';
import type { ChalkInstance } from 'chalk';
import { jsonWithRank, recordOf, type Compact, type OutputRecord } from './record.js';
import type { FieldText } from '../core/matcher.js';

export type OutputFormat = 'table' | 'jsonl' | 'json' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'jsonl', 'json', 'csv'];

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

export const CSV_COLUMNS = ['rank', 'group', 'id', 'source', 'row', 'score', 'level', 'flagged', 'products', 'terms', 'hits'] as const;

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
export function csvWriter(fieldNames: readonly string[], opts: { formulas?: boolean } = {}): RecordWriter {
  const safe = (c: string) => (opts.formulas ? c : neutralize(c));
  const fixed = new Set<string>(CSV_COLUMNS);
  const extra = fieldNames.map((f) => (fixed.has(f) ? `input.${f}` : f));
  return {
    begin: () => stringify([[...CSV_COLUMNS, ...extra]]),
    write: (c, rank) => {
      const r = recordOf(c, rank);
      return stringify([[
        r.rank, r.group, r.id, r.source, r.row, r.score, r.level, r.flagged,
        r.products.join(';'),
        [...new Set(r.hits.filter((h) => h.contribution !== 0).map((h) => h.match))].join(';'),
        JSON.stringify(r.hits),
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

/** `width` code points of `text` from `from`, hit spans highlighted, white space folded. */
function window(text: string, spans: readonly (readonly [number, number])[], anchor: { start: number; end: number } | undefined, width: number, c: ChalkInstance): string {
  // hit offsets are in code points: work on an array of code points
  const cps = Array.from(text.replace(/\s/g, ' '));
  let from = anchor ? Math.max(0, anchor.start - Math.floor((width - (anchor.end - anchor.start)) / 3)) : 0;
  const to = Math.min(cps.length, from + width);
  if (to - from < width) from = Math.max(0, to - width);
  let out = from > 0 ? '…' : '';
  let run = '';
  let runLit = false;
  const flush = () => { out += runLit ? c.bold.underline(run) : run; run = ''; };
  for (let i = from; i < to; i++) {
    const lit = spans.some(([s, e]) => i >= s && i < e);
    if (lit !== runLit) { flush(); runLit = lit; }
    run += cps[i]!;
  }
  flush();
  if (to < cps.length) out += '…';
  return out.replace(/ {2,}/g, ' ');
}

/**
 * A one-line excerpt: the field with the strongest hit (else the first
 * non-empty one) around that hit, then the other text fields while room
 * remains, matched terms highlighted.
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
    if (room < 12) break;
    const spans = r.hits.filter((h) => h.field === t.name && h.contribution > 0).map((h) => [h.start, h.end] as const);
    const anchor = best && best.field === t.name ? best : undefined;
    const len = Array.from(t.text.trim()).length;
    const w = Math.min(room, len);
    parts.push(window(t.text.trim(), spans, anchor, w, c));
    room -= w + 3;
  }
  return parts.join(c.dim(' | '));
}

export function tableWriter(opts: TableOptions): RecordWriter {
  const c = opts.chalk;
  const exWidth = Math.max(30, opts.width - 62);
  return {
    begin: () => c.bold(`${'rank'.padStart(5)}  ${'score'.padEnd(6)} ${'level'.padEnd(6)}  ${'id'.padEnd(12)}  ${'products'.padEnd(24)}  excerpt`) + '\n',
    write: (compact, rank) => {
      const r = recordOf(compact, rank);
      const texts = compact.texts ?? [];
      const id = r.id.length > 12 ? r.id.slice(0, 11) + '…' : r.id.padEnd(12);
      const products = r.products.join(',');
      const prod = products.length > 24 ? products.slice(0, 23) + '…' : products.padEnd(24);
      const level = LEVEL_STYLE[r.level](c)(r.level.padEnd(6));
      return `${String(r.rank ?? '-').padStart(5)}  ${r.score.toFixed(3).padEnd(6)} ${level}  ${id}  ${prod}  ${excerpt(r, texts, c, exWidth)}\n`;
    },
    end: () => '',
  };
}

export interface WriterOptions {
  /** kept input fields, as CSV columns */
  fieldNames?: readonly string[];
  /** CSV: keep formula-like cells as they are */
  formulas?: boolean;
  /** the table's colours and width (table format only) */
  table?: TableOptions;
}

/** The writer of an output format. */
export function writerFor(format: OutputFormat, o: WriterOptions = {}): RecordWriter {
  if (format === 'json') return jsonWriter();
  if (format === 'csv') return csvWriter(o.fieldNames ?? [], { formulas: o.formulas === true });
  if (format === 'table') {
    if (!o.table) throw new TypeError('the table format needs its table options');
    return tableWriter(o.table);
  }
  return jsonlWriter();
}

/** The format an output file's name asks for (.csv, .json, .jsonl or .ndjson), if any. */
export function formatOfName(file: string): OutputFormat | undefined {
  const m = /\.(csv|json|jsonl|ndjson)$/i.exec(file);
  if (!m) return undefined;
  const ext = m[1]!.toLowerCase();
  return ext === 'ndjson' ? 'jsonl' : (ext as OutputFormat);
}
