/**
 * What a researcher publishes: counts of flagged listings and of
 * near-duplicate groups per product, language, level and any column, the top
 * sellers, and the score distribution. Works on output records. Pure.
 */
import { getPath } from '../core/fields.js';
import { languageOf, type OutputRecord } from './record.js';
import type { DateFormat } from './formats.js';
export { DATE_FORMATS, type DateFormat } from './formats.js';

export const STATS_SCHEMA = 'wildsift.stats/1';

export interface CountRow {
  value: string;
  /** all listings with this value */
  listings: number;
  /** flagged listings */
  flagged: number;
  /** near-duplicate groups among the flagged listings; null when the records carry no groups (--no-groups, merged shards) */
  groups: number | null;
}

export interface Stats {
  schema: string;
  threshold: number;
  listings: number;
  flagged: number;
  groups: number | null;
  flagged_groups: number | null;
  by_level: CountRow[];
  by_product: CountRow[];
  by_language: CountRow[];
  by: Record<string, CountRow[]>;
  top_sellers: CountRow[];
  seller_field: string | null;
  histogram: { from: number; to: number; listings: number }[];
  /** --by and seller fields that no record has */
  missing_fields: string[];
  /** per --by date bucket: values present that are not dates in the date format (counted under "(no date)") */
  unparsed_dates: { by: string; count: number; first: string }[];
}


const pad2 = (n: number) => String(n).padStart(2, '0');
const ymd = (y: number, m: number, d = 1): { year: string; month: string } | undefined =>
  m >= 1 && m <= 12 && d >= 1 && d <= 31 && y >= 1000 && y <= 9999 ? { year: String(y), month: `${y}-${pad2(m)}` } : undefined;

/**
 * The year and month of a date in one of the documented formats, or
 * undefined. iso: 2026-03-01, 2026-03, 2026-03-01T10:00:00Z, and the
 * year-month-day form 2026年3月1日; dmy: 01/03/2026 (also . or -); mdy:
 * 03/01/2026; epoch, epoch-ms: Unix seconds or milliseconds (UTC).
 */
export function parseDate(text: string, format: DateFormat): { year: string; month: string } | undefined {
  const s = text.trim();
  let m: RegExpExecArray | null;
  switch (format) {
    case 'iso':
      if ((m = /^(\d{4})-(\d{2})(?:-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?$/.exec(s))) return ymd(+m[1]!, +m[2]!, m[3] ? +m[3] : 1);
      if ((m = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(s))) return ymd(+m[1]!, +m[2]!, m[3] ? +m[3] : 1);
      return undefined;
    case 'dmy':
    case 'mdy':
      if (!(m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T].*)?$/.exec(s))) return undefined;
      return format === 'dmy' ? ymd(+m[3]!, +m[2]!, +m[1]!) : ymd(+m[3]!, +m[1]!, +m[2]!);
    case 'epoch':
    case 'epoch-ms': {
      if (!/^\d{1,13}$/.test(s)) return undefined;
      const d = new Date(Number(s) * (format === 'epoch' ? 1000 : 1));
      return ymd(d.getUTCFullYear(), d.getUTCMonth() + 1);
    }
  }
}

/** A --by spec: a field, optionally ":month" (YYYY-MM of a date) or ":year". */
export interface ByField {
  field: string;
  bucket?: 'month' | 'year';
}

export function parseBy(spec: string): ByField {
  const m = /^(.+?)(?::(month|year))?$/.exec(spec.trim());
  return { field: m![1]!, ...(m![2] ? { bucket: m![2] as 'month' | 'year' } : {}) };
}

export const NO_DATE = '(no date)';

function bucketOf(v: unknown, bucket: ByField['bucket'], format: DateFormat): string {
  if (v === undefined || v === null || v === '') return '(none)';
  const s = String(v);
  if (!bucket) return s;
  const d = parseDate(s, format);
  if (!d) return NO_DATE;
  return bucket === 'year' ? d.year : d.month;
}

class Counter {
  private readonly rows = new Map<string, { listings: number; flagged: number; groups: Set<number> }>();
  /** set when a record has no group: group counts are then unknown (null) */
  ungrouped = false;
  add(value: string, r: OutputRecord): void {
    let row = this.rows.get(value);
    if (!row) { row = { listings: 0, flagged: 0, groups: new Set() }; this.rows.set(value, row); }
    row.listings++;
    if (r.flagged) {
      row.flagged++;
      if (r.group === null) this.ungrouped = true;
      else row.groups.add(r.group);
    }
  }
  /** Most flagged first; `chronological`: date buckets in time order, "(none)" and "(no date)" last. */
  sorted(limit?: number, chronological = false): CountRow[] {
    const out = [...this.rows.entries()].map(([value, x]) => ({ value, listings: x.listings, flagged: x.flagged, groups: this.ungrouped ? null : x.groups.size }));
    const undated = (v: string) => (v.startsWith('(') ? 1 : 0);
    if (chronological) out.sort((a, b) => undated(a.value) - undated(b.value) || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    else out.sort((a, b) => b.flagged - a.flagged || b.listings - a.listings || a.value.localeCompare(b.value));
    return limit === undefined ? out : out.slice(0, limit);
  }
}

export class Aggregator {
  private listings = 0;
  private flagged = 0;
  private readonly groups = new Set<number>();
  private readonly flaggedGroups = new Set<number>();
  private ungrouped = false;
  /** per --by and seller field: whether any record has it */
  private readonly present = new Map<string, boolean>();
  private readonly unparsed = new Map<string, { count: number; first: string }>();
  private readonly level = new Counter();
  private readonly product = new Counter();
  private readonly language = new Counter();
  private readonly by: Map<string, Counter>;
  private readonly sellers = new Counter();
  private readonly bins = new Array<number>(10).fill(0);

  constructor(readonly threshold: number, readonly byFields: readonly ByField[], readonly sellerField: string | null, readonly topSellers = 10, readonly dateFormat: DateFormat = 'iso') {
    this.by = new Map(byFields.map((b) => [b.field + (b.bucket ? `:${b.bucket}` : ''), new Counter()]));
    for (const f of [...byFields.map((b) => b.field), ...(sellerField ? [sellerField] : [])]) this.present.set(f, false);
  }

  add(r: OutputRecord): void {
    this.listings++;
    if (r.group === null) this.ungrouped = true;
    else this.groups.add(r.group);
    if (r.flagged) { this.flagged++; if (r.group !== null) this.flaggedGroups.add(r.group); }
    this.level.add(r.level, r);
    this.product.add(r.products[0] ?? '(none)', r);
    this.language.add(languageOf(r), r);
    const keys = [...this.by.keys()];
    this.byFields.forEach((b, i) => {
      const v = getPath(r.fields, b.field);
      if (v !== undefined) this.present.set(b.field, true);
      const bucket = bucketOf(v, b.bucket, this.dateFormat);
      if (bucket === NO_DATE) {
        const u = this.unparsed.get(keys[i]!);
        if (u) u.count++;
        else this.unparsed.set(keys[i]!, { count: 1, first: String(v).slice(0, 40) });
      }
      this.by.get(keys[i]!)!.add(bucket, r);
    });
    if (this.sellerField) {
      const v = getPath(r.fields, this.sellerField);
      if (v !== undefined) this.present.set(this.sellerField, true);
      this.sellers.add(String(v ?? '(none)'), r);
    }
    this.bins[Math.min(9, Math.floor(r.score * 10))]!++;
  }

  result(): Stats {
    return {
      schema: STATS_SCHEMA,
      threshold: this.threshold,
      listings: this.listings,
      flagged: this.flagged,
      groups: this.ungrouped ? null : this.groups.size,
      flagged_groups: this.ungrouped ? null : this.flaggedGroups.size,
      by_level: this.level.sorted(),
      by_product: this.product.sorted(),
      by_language: this.language.sorted(),
      by: Object.fromEntries([...this.by.entries()].map(([k, c], i) => [k, c.sorted(undefined, this.byFields[i]!.bucket !== undefined)])),
      top_sellers: this.sellerField ? this.sellers.sorted(this.topSellers).filter((s) => s.flagged > 0) : [],
      seller_field: this.sellerField,
      histogram: this.bins.map((n, i) => ({ from: i / 10, to: (i + 1) / 10, listings: n })),
      missing_fields: this.listings === 0 ? [] : [...this.present].filter(([, seen]) => !seen).map(([f]) => f),
      unparsed_dates: [...this.unparsed].map(([by, u]) => ({ by, ...u })),
    };
  }
}
