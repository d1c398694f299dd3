/**
 * `wildsift diff`: the same listings scored with two lexicon sets, and what
 * changed: newly flagged, no longer flagged, moved far in rank, with the
 * entries responsible. Report schema wildsift.diff/1. No process globals.
 */
import { round } from '../core/explain.js';
import type { ScoreResult } from '../core/score.js';
import type { Scorer } from '../core/scorer.js';
import type { InputFormat } from '../input/detect.js';
import type { InputSpec, Reject, Warning } from '../input/read.js';
import { inputOptionsOf, listingExcerpt, scoreInputs, type InputOptions, type ScoredListing } from './score.js';

export const DIFF_SCHEMA = 'wildsift.diff/1';

export interface DiffOptions extends InputOptions {
  base: Scorer;
  head: Scorer;
  threshold: number;
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
  threshold: number;
  rows: number;
  summary: { base_flagged: number; head_flagged: number; newly_flagged: number; no_longer_flagged: number; moved: number; score_changed: number };
  newly_flagged: Change[];
  no_longer_flagged: Change[];
  moved: Change[];
}

interface Pair {
  listing: ScoredListing;
  base: ScoreResult;
  head: ScoreResult;
  baseRank: number;
  headRank: number;
}

function contributions(r: ScoreResult): Map<string, number> {
  const m = new Map<string, number>();
  for (const h of r.hits) m.set(h.hit.entry.id, (m.get(h.hit.entry.id) ?? 0) + h.contribution);
  return m;
}

function ranks(pairs: Pair[], pick: (p: Pair) => ScoreResult, set: (p: Pair, rank: number) => void): void {
  const order = pairs.map((p, i) => i).sort((a, b) => pick(pairs[b]!).score - pick(pairs[a]!).score || pairs[a]!.listing.order - pairs[b]!.listing.order);
  order.forEach((i, k) => set(pairs[i]!, k + 1));
}

export async function diffLexicons(inputs: readonly InputSpec[], opts: DiffOptions): Promise<DiffReport> {
  const pairs: Pair[] = [];
  for await (const l of scoreInputs(inputs, {
    scorer: opts.head,
    ...inputOptionsOf(opts),
    keep: 'none',
  })) {
    pairs.push({ listing: l, head: l.result, base: opts.base.score(l.texts), baseRank: 0, headRank: 0 });
  }
  ranks(pairs, (p) => p.base, (p, r) => { p.baseRank = r; });
  ranks(pairs, (p) => p.head, (p, r) => { p.headRank = r; });
  const t = opts.threshold;
  const side = (r: ScoreResult, rank: number): Side => ({
    score: round(r.score),
    rank,
    level: r.level,
    flagged: r.score >= t,
    products: r.products.map((p) => p.product),
  });
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
      id: p.listing.id,
      source: p.listing.source,
      row: p.listing.row,
      text: listingExcerpt(p.listing, 160),
      base: side(p.base, p.baseRank),
      head: side(p.head, p.headRank),
      entries,
    };
  };
  const byHead = [...pairs].sort((a, b) => a.headRank - b.headRank);
  const newly = byHead.filter((p) => p.head.score >= t && p.base.score < t);
  const gone = [...pairs].sort((a, b) => a.baseRank - b.baseRank).filter((p) => p.base.score >= t && p.head.score < t);
  const moved = byHead
    .filter((p) => Math.abs(p.baseRank - p.headRank) >= opts.minRankChange && !newly.includes(p) && !gone.includes(p))
    .sort((a, b) => Math.abs(b.baseRank - b.headRank) - Math.abs(a.baseRank - a.headRank) || a.headRank - b.headRank);
  return {
    schema: DIFF_SCHEMA,
    threshold: t,
    rows: pairs.length,
    summary: {
      base_flagged: pairs.filter((p) => p.base.score >= t).length,
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
