/**
 * Additive, explainable scoring. Pure.
 *
 * For every product with evidence (a product, species or code-word hit), a raw
 * sum is formed from:
 *   evidence   each evidence entry once (its best hit). An entry with
 *              corroboration 'required' counts fully only when a product_form
 *              or trade_signal entry for that product (or 'any') also hits; an
 *              entry with corroboration 'product' only when another evidence
 *              entry of the same product hits; otherwise it counts
 *              UNCORROBORATED_FACTOR of its weight. A hit lying inside a longer
 *              evidence hit (of any product) counts nothing.
 *   context    product_form entries (capped at formCap) plus trade_signal
 *              entries (capped at tradeCap), for the product or 'any'; context
 *              adds at most contextRatio (1) times the evidence, so sale talk
 *              cannot turn a weak word into a strong finding: a species name
 *              (1) with any amount of sale talk stays below the default flag.
 *   benign     benign entries for the product or 'any' (negative weights),
 *              except those a negation right before cancels ("not resin")
 *   news       news entries for the product or 'any' (negative weights),
 *              likewise
 * The listing's raw score is that of its best product; the score is
 * 1 - exp(-raw / scale) for raw > 0, else 0. Every hit's contribution to the
 * best product is recorded, and they add up to the raw score.
 */
import { ANY_PRODUCT, CORROBORATING_KINDS, EVIDENCE_KINDS, type Hit, type Kind, type Level } from './types.js';

export interface ScoreOptions {
  /** scale of the saturating curve (raw score that gives 0.63) */
  scale: number;
  uncorroboratedFactor: number;
  formCap: number;
  tradeCap: number;
  /** context (forms + trade) adds at most this many times the evidence */
  contextRatio: number;
  /** level cut-offs on the 0..1 score */
  levels: { high: number; medium: number; low: number };
}

export const DEFAULT_SCORE_OPTIONS: ScoreOptions = {
  scale: 3,
  uncorroboratedFactor: 0.25,
  formCap: 2,
  tradeCap: 2,
  contextRatio: 1,
  levels: { high: 0.8, medium: 0.5, low: 0.2 },
};

/** Default --threshold: a listing is flagged from the 'medium' level up. */
export const DEFAULT_THRESHOLD = 0.5;

export type HitStatus =
  | 'counted'
  | 'uncorroborated'
  | 'repeat'
  | 'inside'
  | 'capped'
  | 'other-product'
  | 'negated'
  | 'negation'
  | 'no-evidence';

export interface ScoredHit {
  hit: Hit;
  /** amount this hit adds to the listing's raw score (0 when it does not count) */
  contribution: number;
  status: HitStatus;
  /** for 'inside': the entry whose longer hit contains this one; for 'negated': the negation entry */
  insideOf?: string;
}

export interface ProductScore {
  product: string;
  raw: number;
  score: number;
  corroborated: boolean;
  parts: { evidence: number; forms: number; trade: number; benign: number; news: number };
}

export interface ScoreResult {
  score: number;
  raw: number;
  level: Level;
  /** best product first; only products with a positive raw score */
  products: ProductScore[];
  /** every product with evidence, best first (also those that ended at or below zero) */
  candidates: ProductScore[];
  hits: ScoredHit[];
}

export function curve(raw: number, scale: number): number {
  return raw > 0 ? 1 - Math.exp(-raw / scale) : 0;
}

export function levelOf(score: number, levels: ScoreOptions['levels']): Level {
  if (score >= levels.high) return 'high';
  if (score >= levels.medium) return 'medium';
  if (score >= levels.low) return 'low';
  return 'none';
}

interface Pick {
  index: number;
  amount: number;
  status: HitStatus;
}

/** Best hit per entry among `indices`, by weight then position. */
function bestPerEntry(hits: readonly Hit[], indices: number[]): { best: number[]; repeats: number[] } {
  const byEntry = new Map<string, number>();
  const repeats: number[] = [];
  for (const i of indices) {
    const id = hits[i]!.entry.id;
    const prev = byEntry.get(id);
    if (prev === undefined) byEntry.set(id, i);
    else if (Math.abs(hits[i]!.weight) > Math.abs(hits[prev]!.weight)) { repeats.push(prev); byEntry.set(id, i); }
    else repeats.push(i);
  }
  return { best: [...byEntry.values()].sort((a, b) => a - b), repeats };
}

/** Smallest value at positions 0..i, with values that only ever go down (a Fenwick tree of minima). */
class MinTree {
  private readonly t: Float64Array;
  constructor(n: number) { this.t = new Float64Array(n + 1).fill(Infinity); }
  lower(i: number, v: number): void { for (i++; i < this.t.length; i += i & -i) if (v < this.t[i]!) this.t[i] = v; }
  min(i: number): number { let m = Infinity; for (i++; i > 0; i -= i & -i) if (this.t[i]! < m) m = this.t[i]!; return m; }
}

/** Index of the first hit among `outers` containing `[a, b)` and longer, for every `inner` (one field). */
function firstContaining(hits: readonly Hit[], outers: number[], inners: number[], found: (inner: number, outer: number) => void): void {
  // longer and containing: start < a and end >= b, or start === a and end > b
  outers.sort((x, y) => hits[x]!.start16 - hits[y]!.start16);
  inners.sort((x, y) => hits[x]!.start16 - hits[y]!.start16);
  // ends, largest first: "end >= b" is a prefix of them
  const ends = [...new Set(outers.map((j) => hits[j]!.end16))].sort((x, y) => y - x);
  const rank = new Map(ends.map((e, r) => [e, r]));
  /** number of ends >= b */
  const atLeast = (b: number): number => { let lo = 0, hi = ends.length; while (lo < hi) { const m = (lo + hi) >> 1; if (ends[m]! >= b) lo = m + 1; else hi = m; } return lo; };
  const tree = new MinTree(ends.length);
  // outers starting at one position, by end, with the smallest index from each end up
  const sameStart = new Map<number, { ends: number[]; min: number[] }>();
  for (let k = 0; k < outers.length;) {
    let m = k;
    const start = hits[outers[k]!]!.start16;
    while (m < outers.length && hits[outers[m]!]!.start16 === start) m++;
    const group = outers.slice(k, m).sort((x, y) => hits[x]!.end16 - hits[y]!.end16 || x - y);
    const min: number[] = new Array(group.length);
    for (let g = group.length - 1; g >= 0; g--) min[g] = Math.min(group[g]!, g + 1 < group.length ? min[g + 1]! : Infinity);
    sameStart.set(start, { ends: group.map((j) => hits[j]!.end16), min });
    k = m;
  }
  let next = 0;
  for (const i of inners) {
    const a = hits[i]!.start16;
    const b = hits[i]!.end16;
    for (; next < outers.length && hits[outers[next]!]!.start16 < a; next++) tree.lower(rank.get(hits[outers[next]!]!.end16)!, outers[next]!);
    const n = atLeast(b);
    let best = n > 0 ? tree.min(n - 1) : Infinity;
    const same = sameStart.get(a);
    if (same !== undefined) {
      let lo = 0, hi = same.ends.length;
      while (lo < hi) { const m = (lo + hi) >> 1; if (same.ends[m]! > b) hi = m; else lo = m + 1; }
      if (lo < same.ends.length) best = Math.min(best, same.min[lo]!);
    }
    if (best !== Infinity) found(i, best);
  }
}

/**
 * For each evidence hit inside a longer evidence hit (of any product), and
 * each benign or context hit inside an evidence hit ("plastic" in the code
 * word "white plastic", "carving" in "bone carving"): the containing entry
 * (of the first such hit). Such hits are part of the longer term, so they
 * neither count nor corroborate. Per field, a sweep by start with a tree of
 * ends: n log n (comparing every pair took 34 s on 32,000 repeated hits).
 */
function insideMap(hits: readonly Hit[]): Map<number, string> {
  const fields = new Map<string, { outers: number[]; inners: number[] }>();
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const k = h.entry.kind;
    const ev = EVIDENCE_KINDS.has(k);
    if (!ev && k !== 'benign' && k !== 'product_form' && k !== 'trade_signal') continue;
    let f = fields.get(h.field);
    if (f === undefined) { f = { outers: [], inners: [] }; fields.set(h.field, f); }
    f.inners.push(i);
    if (ev) f.outers.push(i);
  }
  const inside = new Map<number, string>();
  for (const f of fields.values()) {
    if (f.outers.length > 0) firstContaining(hits, f.outers, f.inners, (i, j) => inside.set(i, hits[j]!.entry.id));
  }
  return inside;
}

/** Hit indices by kind and product (in hit order), and the products with a corroborating hit not inside another. */
interface HitIndex {
  byKind: Map<string, number[]>;
  evidence: Map<string, number[]>;
  corroborating: Set<string>;
}

function indexHits(hits: readonly Hit[], inside: Map<number, string>): HitIndex {
  const idx: HitIndex = { byKind: new Map(), evidence: new Map(), corroborating: new Set() };
  const add = (m: Map<string, number[]>, key: string, i: number) => { const l = m.get(key); if (l === undefined) m.set(key, [i]); else l.push(i); };
  for (let i = 0; i < hits.length; i++) {
    const e = hits[i]!.entry;
    add(idx.byKind, `${e.kind}\u0000${e.product}`, i);
    if (EVIDENCE_KINDS.has(e.kind)) add(idx.evidence, e.product, i);
    if (CORROBORATING_KINDS.has(e.kind) && !inside.has(i)) idx.corroborating.add(e.product);
  }
  return idx;
}

/** Indices of hits of `kind` for `product` or 'any', in hit order. */
function ofKind(idx: HitIndex, kind: Kind, product: string): number[] {
  const own = idx.byKind.get(`${kind}\u0000${product}`) ?? [];
  if (product === ANY_PRODUCT) return own;
  const any = idx.byKind.get(`${kind}\u0000${ANY_PRODUCT}`) ?? [];
  const out: number[] = [];
  let i = 0, j = 0;
  while (i < own.length || j < any.length) out.push(j >= any.length || (i < own.length && own[i]! < any[j]!) ? own[i++]! : any[j++]!);
  return out;
}

function scoreProduct(hits: readonly Hit[], product: string, inside: Map<number, string>, idx: HitIndex, opts: ScoreOptions): { ps: ProductScore; picks: Pick[] } {
  const picks: Pick[] = [];
  const of = (kind: Kind) => ofKind(idx, kind, product);

  const corroborated = idx.corroborating.has(product) || idx.corroborating.has(ANY_PRODUCT);

  // evidence: entries of this very product
  const evIdx = idx.evidence.get(product) ?? [];
  const ev = bestPerEntry(hits, evIdx.filter((i) => !inside.has(i)));
  // entries that can corroborate a 'product'-mode entry: other evidence of this product
  const anchored = ev.best.some((k) => hits[k]!.entry.corroboration !== 'product');
  let evidence = 0;
  for (const i of ev.best) {
    const h = hits[i]!;
    const mode = h.entry.corroboration;
    const ok = mode === 'none' || (mode === 'required' && corroborated) || (mode === 'product' && anchored);
    const amount = ok ? h.weight : h.weight * opts.uncorroboratedFactor;
    evidence += amount;
    picks.push({ index: i, amount, status: ok ? 'counted' : 'uncorroborated' });
  }
  for (const i of ev.repeats) picks.push({ index: i, amount: 0, status: 'repeat' });
  for (const i of evIdx) if (inside.has(i)) picks.push({ index: i, amount: 0, status: 'inside' });

  // context: forms and trade signals, each capped, together at most the evidence
  const contextPicks: Pick[] = [];
  const capped = (kind: Kind, cap: number): number => {
    const sel = bestPerEntry(hits, of(kind).filter((i) => !inside.has(i)));
    const total = sel.best.reduce((s, i) => s + hits[i]!.weight, 0);
    const factor = total > cap ? cap / total : 1;
    for (const i of sel.best) contextPicks.push({ index: i, amount: hits[i]!.weight * factor, status: factor < 1 ? 'capped' : 'counted' });
    for (const i of sel.repeats) picks.push({ index: i, amount: 0, status: 'repeat' });
    return total * factor;
  };
  let forms = capped('product_form', opts.formCap);
  let trade = capped('trade_signal', opts.tradeCap);
  const context = forms + trade;
  const limit = Math.max(0, evidence) * opts.contextRatio;
  if (context > limit) {
    const f = context === 0 ? 0 : limit / context;
    for (const p of contextPicks) { p.amount *= f; p.status = 'capped'; }
    forms *= f;
    trade *= f;
  }
  picks.push(...contextPicks);

  const uncapped = (kind: Kind): number => {
    const all = of(kind).filter((i) => !inside.has(i));
    for (const i of all) if (hits[i]!.negatedBy !== undefined) picks.push({ index: i, amount: 0, status: 'negated' });
    const sel = bestPerEntry(hits, all.filter((i) => hits[i]!.negatedBy === undefined));
    let total = 0;
    for (const i of sel.best) { total += hits[i]!.weight; picks.push({ index: i, amount: hits[i]!.weight, status: 'counted' }); }
    for (const i of sel.repeats) picks.push({ index: i, amount: 0, status: 'repeat' });
    return total;
  };
  const benign = uncapped('benign');
  const news = uncapped('news');
  const raw = evidence + forms + trade + benign + news;
  return {
    ps: { product, raw, score: curve(raw, opts.scale), corroborated, parts: { evidence, forms, trade, benign, news } },
    picks,
  };
}

/** Scores one listing's hits. */
export function scoreHits(hits: readonly Hit[], opts: ScoreOptions = DEFAULT_SCORE_OPTIONS): ScoreResult {
  const inside = insideMap(hits);
  const idx = indexHits(hits, inside);
  // products with evidence of their own (not only hits inside longer ones)
  const products = [...new Set(hits.filter((h, i) => EVIDENCE_KINDS.has(h.entry.kind) && !inside.has(i)).map((h) => h.entry.product))];
  let best: { ps: ProductScore; picks: Pick[] } | undefined;
  const all: ProductScore[] = [];
  for (const p of products) {
    const r = scoreProduct(hits, p, inside, idx, opts);
    all.push(r.ps);
    if (best === undefined || r.ps.raw > best.ps.raw) best = r;
  }
  const scored: ScoredHit[] = hits.map((hit) => ({
    hit,
    contribution: 0,
    status: best === undefined ? 'no-evidence' : 'other-product',
  }));
  if (best !== undefined) {
    for (const pick of best.picks) {
      const s = scored[pick.index]!;
      s.contribution = pick.amount;
      s.status = pick.status;
    }
  }
  for (let i = 0; i < hits.length; i++) {
    if (scored[i]!.status === 'negated') scored[i]!.insideOf = hits[i]!.negatedBy;
    if (hits[i]!.entry.kind === 'negation') { scored[i]!.status = 'negation'; scored[i]!.contribution = 0; }
  }
  for (const [i, outer] of inside) {
    scored[i]!.status = 'inside';
    scored[i]!.contribution = 0;
    scored[i]!.insideOf = outer;
  }
  const raw = best === undefined ? 0 : best.ps.raw;
  const score = curve(raw, opts.scale);
  const candidates = all.sort((a, b) => b.raw - a.raw || a.product.localeCompare(b.product));
  const positive = candidates.filter((p) => p.raw > 0);
  return { score, raw, level: levelOf(score, opts.levels), products: positive, candidates, hits: scored };
}
