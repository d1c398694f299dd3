/**
 * `wildsift diff`: the same listings scored with two lexicon sets, and what
 * changed: newly flagged, no longer flagged, moved far in rank, with the
 * entries responsible. Report schema wildsift.diff/1. No process globals.
 */
import { round } from '../core/explain.js';
import { listingExcerpt } from '../core/listing.js';
import type { FieldText } from '../core/matcher.js';
import type { InputSpec, ReadSettings } from '../input/read.js';
import type { LoadOptions } from '../lexicon/load.js';
import { recordOf, type OutputRecord } from '../output/record.js';
import type { InputLog } from './inputs.js';
import { scorePipeline } from './pipeline.js';
import { compareRank } from './rank.js';
import type { LoadedModel } from '../lexicon/model.js';

export const DIFF_SCHEMA = 'wildsift.diff/1';

export interface DiffOptions {
  read: ReadSettings;
  base: LoadOptions;
  head: LoadOptions;
  jobs?: number;
  threshold: number;
  /** the base side's threshold when it differs (a model on the head side has its own); default: threshold */
  baseThreshold?: number;
  /** a learned model that scores with the head lexicons (the base side keeps the hand weights) */
  model?: LoadedModel;
  /** a listing "moved far" when its rank changes by at least this much */
  minRankChange: number;
}

export interface Side {
  score: number;
  rank: number;
  level: string;
  flagged: boolean;
  products: string[];
}

export interface EntryChange {
  entry: string;
  base: number;
  head: number;
}

export interface Change {
  id: string;
  source: string;
  row: number;
  text: string;
  base: Side;
  head: Side;
  entries: EntryChange[];
}

export interface DiffReport {
  schema: string;
  /** the head side's threshold */
  threshold: number;
  base_threshold: number;
  rows: number;
  summary: { base_flagged: number; head_flagged: number; newly_flagged: number; no_longer_flagged: number; moved: number; score_changed: number };
  newly_flagged: Change[];
  no_longer_flagged: Change[];
  moved: Change[];
}

interface Pair {
  order: number;
  texts: FieldText[];
  base: OutputRecord;
  head: OutputRecord;
  baseRank: number;
  headRank: number;
}

function contributions(r: OutputRecord): Map<string, number> {
  const m = new Map<string, number>();
  for (const h of r.hits) m.set(h.entry, (m.get(h.entry) ?? 0) + h.contribution);
  return m;
}

/** Ranks of one side, by the ranking rule. */
function ranks(pairs: Pair[], pick: (p: Pair) => OutputRecord, set: (p: Pair, rank: number) => void): void {
  const order = pairs.map((p) => ({ p, score: pick(p).score, order: p.order })).sort(compareRank);
  order.forEach((x, k) => set(x.p, k + 1));
}

export async function diffLexicons(inputs: readonly InputSpec[], opts: DiffOptions, log: InputLog): Promise<DiffReport> {
  const pairs: Pair[] = [];
  // the head set scores; the base set scores the same texts, as the record's one variant
  const pipeline = await scorePipeline(inputs, {
    ...(opts.model ? { model: opts.model } : {}),
    read: opts.read,
    log,
    job: { lexicons: [opts.head, opts.base], threshold: opts.threshold, keep: 'none', withTexts: true },
    ...(opts.jobs !== undefined ? { jobs: opts.jobs } : {}),
  });
  for await (const c of pipeline.records) {
    const head = recordOf(c, null);
    const base = { rank: null, ...(JSON.parse(c.variants![0]!) as Omit<OutputRecord, 'rank'>) };
    pairs.push({ order: c.order, texts: c.texts ?? [], head, base, baseRank: 0, headRank: 0 });
  }
  ranks(pairs, (p) => p.base, (p, r) => { p.baseRank = r; });
  ranks(pairs, (p) => p.head, (p, r) => { p.headRank = r; });
  const t = opts.threshold;
  const tb = opts.baseThreshold ?? t;
  const side = (r: OutputRecord, rank: number, threshold: number): Side => ({ score: r.score, rank, level: r.level, flagged: r.score >= threshold, products: r.products });
  const change = (p: Pair): Change => {
    const b = contributions(p.base);
    const h = contributions(p.head);
    const entries: EntryChange[] = [];
    for (const id of new Set([...b.keys(), ...h.keys()])) {
      const bv = b.get(id) ?? 0;
      const hv = h.get(id) ?? 0;
      if (Math.abs(bv - hv) > 1e-9) entries.push({ entry: id, base: round(bv, 3), head: round(hv, 3) });
    }
    entries.sort((x, y) => Math.abs(y.head - y.base) - Math.abs(x.head - x.base) || x.entry.localeCompare(y.entry));
    return {
      id: p.head.id,
      source: p.head.source,
      row: p.head.row,
      text: listingExcerpt(p.texts, 160),
      base: side(p.base, p.baseRank, tb),
      head: side(p.head, p.headRank, t),
      entries,
    };
  };
  const byHead = [...pairs].sort((a, b) => a.headRank - b.headRank);
  const newly = byHead.filter((p) => p.head.score >= t && p.base.score < tb);
  const gone = [...pairs].sort((a, b) => a.baseRank - b.baseRank).filter((p) => p.base.score >= tb && p.head.score < t);
  const changedFlag = new Set([...newly, ...gone]);
  const moved = byHead
    .filter((p) => Math.abs(p.baseRank - p.headRank) >= opts.minRankChange && !changedFlag.has(p))
    .sort((a, b) => Math.abs(b.baseRank - b.headRank) - Math.abs(a.baseRank - a.headRank) || a.headRank - b.headRank);
  return {
    schema: DIFF_SCHEMA,
    threshold: t,
    base_threshold: tb,
    rows: pairs.length,
    summary: {
      base_flagged: pairs.filter((p) => p.base.score >= tb).length,
      head_flagged: pairs.filter((p) => p.head.score >= t).length,
      newly_flagged: newly.length,
      no_longer_flagged: gone.length,
      moved: moved.length,
      score_changed: pairs.filter((p) => Math.abs(p.base.score - p.head.score) > 1e-9).length,
    },
    newly_flagged: newly.map(change),
    no_longer_flagged: gone.map(change),
    moved: moved.map(change),
  };
}
