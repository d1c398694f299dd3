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
 *              likewise: reports, bans and bills, advocacy, museums, auction
 *              results, "not for sale". A sale word inside a news term ("ban
 *              on selling", "illegal to sell") is part of it and counts nothing.
 * Field roles: hits in context fields (a seller's bio, a shop name: FieldText
 * role 'context') never count as evidence and never make a product a
 * candidate. Evidence found there corroborates the same product's evidence in
 * the item fields and counts contextEvidenceFactor of its weight as context
 * (at most contextEvidenceCap); context-field trade signals and forms count as
 * context as usual, benign and news terms as usual.
 * Length: forms, trade and context are scaled by sqrt(lengthReference /
 * tokens) when the item fields hold more than lengthReference tokens, so a
 * 3,000-word article needs more than the sale words of its page chrome.
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
  /** context (forms + trade + context-field evidence) adds at most this many times the evidence */
  contextRatio: number;
  /** evidence in a context field counts this share of its weight, as context */
  contextEvidenceFactor: number;
  contextEvidenceCap: number;
  /** item-field tokens from which forms, trade and context are scaled down by sqrt(lengthReference / tokens) */
  lengthReference: number;
  /** level cut-offs on the 0..1 score */
  levels: { high: number; medium: number; low: number };
}

export const DEFAULT_SCORE_OPTIONS: ScoreOptions = {
  scale: 3,
  uncorroboratedFactor: 0.25,
  formCap: 2,
  tradeCap: 2,
  contextRatio: 1,
  contextEvidenceFactor: 0.5,
  contextEvidenceCap: 1.5,
  lengthReference: 150,
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
  | 'no-evidence'
  | 'context';

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
  parts: { evidence: number; forms: number; trade: number; context: number; benign: number; news: number };
}

/** What scoring knows of the listing beyond its hits. */
export interface ListingInfo {
  /** tokens in its item fields (near.ts itemTokens) */
  tokens?: number;
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
  /** the item fields' length in tokens, and the factor it scaled forms, trade and context by */
  length: { tokens: number; factor: number };
  /** the normalized text of each non-empty item field, when the Scorer gives it (what near-duplicate grouping hashes) */
  normalized?: readonly string[];
  /** hits found but not kept: their entry already had MAX_HITS_PER_ENTRY in that field (absent when none) */
  notKept?: number;
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
  // sale words inside a news term ("ban on selling", "không mua bán") are part of it
  const talk = new Map<string, { outers: number[]; inners: number[] }>();
  for (let i = 0; i < hits.length; i++) {
    const k = hits[i]!.entry.kind;
    if ((k !== 'news' && k !== 'trade_signal') || inside.has(i)) continue;
    let f = talk.get(hits[i]!.field);
    if (f === undefined) { f = { outers: [], inners: [] }; talk.set(hits[i]!.field, f); }
    (k === 'news' ? f.outers : f.inners).push(i);
  }
  for (const f of talk.values()) {
    if (f.outers.length > 0 && f.inners.length > 0) firstContaining(hits, f.outers, f.inners, (i, j) => inside.set(i, hits[j]!.entry.id));
  }
  return inside;
}

/** Hit indices by kind and product (in hit order), and the products with a corroborating hit not inside another. */
interface HitIndex {
  byKind: Map<string, number[]>;
  /** evidence hits in item fields, by product */
  evidence: Map<string, number[]>;
  /** evidence hits in context fields, by product */
  contextEvidence: Map<string, number[]>;
  corroborating: Set<string>;
}

function indexHits(hits: readonly Hit[], inside: Map<number, string>): HitIndex {
  const idx: HitIndex = { byKind: new Map(), evidence: new Map(), contextEvidence: new Map(), corroborating: new Set() };
  const add = (m: Map<string, number[]>, key: string, i: number) => { const l = m.get(key); if (l === undefined) m.set(key, [i]); else l.push(i); };
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i]!;
    const e = h.entry;
    const evidence = EVIDENCE_KINDS.has(e.kind);
    if (evidence && h.role === 'context') {
      add(idx.contextEvidence, e.product, i);
      if (!inside.has(i)) idx.corroborating.add(e.product);
      continue;
    }
    add(idx.byKind, `${e.kind}\u0000${e.product}`, i);
    if (evidence) add(idx.evidence, e.product, i);
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

function scoreProduct(hits: readonly Hit[], product: string, inside: Map<number, string>, idx: HitIndex, opts: ScoreOptions, lengthFactor: number): { ps: ProductScore; picks: Pick[] } {
  const picks: Pick[] = [];
  const of = (kind: Kind) => ofKind(idx, kind, product);

  const corroborated = idx.corroborating.has(product) || idx.corroborating.has(ANY_PRODUCT);

  // evidence: entries of this very product
  const evIdx = idx.evidence.get(product) ?? [];
  const ev = bestPerEntry(hits, evIdx.filter((i) => !inside.has(i)));
  // context-field evidence of this product
  const ctxIdx = idx.contextEvidence.get(product) ?? [];
  const ctx = bestPerEntry(hits, ctxIdx.filter((i) => !inside.has(i)));
  // entries that can corroborate a 'product'-mode entry: other evidence of this product, also in a context field
  const anchored = ev.best.some((k) => hits[k]!.entry.corroboration !== 'product') || ctx.best.length > 0;
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
  // evidence in context fields: a share of its weight, capped
  let fromContext = 0;
  {
    const total = ctx.best.reduce((s, i) => s + hits[i]!.weight * opts.contextEvidenceFactor, 0);
    const factor = total > opts.contextEvidenceCap ? opts.contextEvidenceCap / total : 1;
    for (const i of ctx.best) contextPicks.push({ index: i, amount: hits[i]!.weight * opts.contextEvidenceFactor * factor, status: factor < 1 ? 'capped' : 'context' });
    for (const i of ctx.repeats) picks.push({ index: i, amount: 0, status: 'repeat' });
    for (const i of ctxIdx) if (inside.has(i)) picks.push({ index: i, amount: 0, status: 'inside' });
    fromContext = total * factor;
  }
  if (lengthFactor < 1) {
    for (const p of contextPicks) { p.amount *= lengthFactor; if (p.amount !== 0) p.status = 'capped'; }
    forms *= lengthFactor;
    trade *= lengthFactor;
    fromContext *= lengthFactor;
  }
  const context = forms + trade + fromContext;
  const limit = Math.max(0, evidence) * opts.contextRatio;
  if (context > limit) {
    const f = context === 0 ? 0 : limit / context;
    for (const p of contextPicks) { p.amount *= f; p.status = 'capped'; }
    forms *= f;
    trade *= f;
    fromContext *= f;
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
  const raw = evidence + forms + trade + fromContext + benign + news;
  return {
    ps: { product, raw, score: curve(raw, opts.scale), corroborated, parts: { evidence, forms, trade, context: fromContext, benign, news } },
    picks,
  };
}

/** Scores one listing's hits. */
export function scoreHits(hits: readonly Hit[], opts: ScoreOptions = DEFAULT_SCORE_OPTIONS, info: ListingInfo = {}): ScoreResult {
  const inside = insideMap(hits);
  const idx = indexHits(hits, inside);
  const tokens = info.tokens ?? 0;
  const lengthFactor = tokens > opts.lengthReference ? Math.sqrt(opts.lengthReference / tokens) : 1;
  // products with evidence of their own in an item field (not only hits inside longer ones)
  const products = [...new Set(hits.filter((h, i) => EVIDENCE_KINDS.has(h.entry.kind) && h.role !== 'context' && !inside.has(i)).map((h) => h.entry.product))];
  let best: { ps: ProductScore; picks: Pick[] } | undefined;
  const all: ProductScore[] = [];
  for (const p of products) {
    const r = scoreProduct(hits, p, inside, idx, opts, lengthFactor);
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
  return { score, raw, level: levelOf(score, opts.levels), products: positive, candidates, hits: scored, length: { tokens, factor: lengthFactor } };
}
