/**
 * What a researcher publishes: counts of flagged listings and of
 * near-duplicate groups per product, language, level and any column, the top
 * sellers, and the score distribution. Works on output records. Pure.
 */
import { getPath } from '../core/fields.js';
import { languageOf, type OutputRecord } from './record.js';

export const STATS_SCHEMA = 'wildsift.stats/1';

export interface CountRow {
  value: string;
  /** all listings with this value */
  listings: number;
  /** flagged listings */
  flagged: number;
  /** near-duplicate groups among the flagged listings */
  groups: number;
}

export interface Stats {
  schema: string;
  threshold: number;
  listings: number;
  flagged: number;
  groups: number;
  flagged_groups: number;
  by_level: CountRow[];
  by_product: CountRow[];
  by_language: CountRow[];
  by: Record<string, CountRow[]>;
  top_sellers: CountRow[];
  seller_field: string | null;
  histogram: { from: number; to: number; listings: number }[];
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

function bucketOf(v: unknown, bucket: ByField['bucket']): string {
  if (v === undefined || v === null || v === '') return '(none)';
  const s = String(v);
  if (!bucket) return s;
  const m = /(\d{4})-(\d{2})/.exec(s) ?? (() => { const d = new Date(s); return Number.isNaN(d.getTime()) ? null : ['', String(d.getUTCFullYear()), String(d.getUTCMonth() + 1).padStart(2, '0')]; })();
  if (!m) return '(no date)';
  return bucket === 'year' ? m[1]! : `${m[1]}-${m[2]}`;
}

class Counter {
  private readonly rows = new Map<string, { listings: number; flagged: number; groups: Set<number | string> }>();
  add(value: string, r: OutputRecord): void {
    let row = this.rows.get(value);
    if (!row) { row = { listings: 0, flagged: 0, groups: new Set() }; this.rows.set(value, row); }
    row.listings++;
    if (r.flagged) {
      row.flagged++;
      row.groups.add(r.group ?? `${r.source}#${r.row}`);
    }
  }
  sorted(limit?: number): CountRow[] {
    const out = [...this.rows.entries()].map(([value, x]) => ({ value, listings: x.listings, flagged: x.flagged, groups: x.groups.size }));
    out.sort((a, b) => b.flagged - a.flagged || b.listings - a.listings || a.value.localeCompare(b.value));
    return limit === undefined ? out : out.slice(0, limit);
  }
}

export class Aggregator {
  private listings = 0;
  private flagged = 0;
  private readonly groups = new Set<number | string>();
  private readonly flaggedGroups = new Set<number | string>();
  private readonly level = new Counter();
  private readonly product = new Counter();
  private readonly language = new Counter();
  private readonly by: Map<string, Counter>;
  private readonly sellers = new Counter();
  private readonly bins = new Array<number>(10).fill(0);

  constructor(readonly threshold: number, readonly byFields: readonly ByField[], readonly sellerField: string | null, readonly topSellers = 10) {
    this.by = new Map(byFields.map((b) => [b.field + (b.bucket ? `:${b.bucket}` : ''), new Counter()]));
  }

  add(r: OutputRecord): void {
    this.listings++;
    const g = r.group ?? `${r.source}#${r.row}`;
    this.groups.add(g);
    if (r.flagged) { this.flagged++; this.flaggedGroups.add(g); }
    this.level.add(r.level, r);
    this.product.add(r.products[0] ?? '(none)', r);
    this.language.add(languageOf(r), r);
    this.byFields.forEach((b, i) => this.by.get([...this.by.keys()][i]!)!.add(bucketOf(getPath(r.fields, b.field), b.bucket), r));
    if (this.sellerField) this.sellers.add(String(getPath(r.fields, this.sellerField) ?? '(none)'), r);
    this.bins[Math.min(9, Math.floor(r.score * 10))]!++;
  }

  result(): Stats {
    return {
      schema: STATS_SCHEMA,
      threshold: this.threshold,
      listings: this.listings,
      flagged: this.flagged,
      groups: this.groups.size,
      flagged_groups: this.flaggedGroups.size,
      by_level: this.level.sorted(),
      by_product: this.product.sorted(),
      by_language: this.language.sorted(),
      by: Object.fromEntries([...this.by.entries()].map(([k, c]) => [k, c.sorted()])),
      top_sellers: this.sellerField ? this.sellers.sorted(this.topSellers).filter((s) => s.flagged > 0) : [],
      seller_field: this.sellerField,
      histogram: this.bins.map((n, i) => ({ from: i / 10, to: (i + 1) / 10, listings: n })),
    };
  }
}
