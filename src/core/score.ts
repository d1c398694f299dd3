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

function appliesTo(hitProduct: string, product: string): boolean {
  return hitProduct === product || hitProduct === ANY_PRODUCT;
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

function containedIn(inner: Hit, outer: Hit): boolean {
  return inner.field === outer.field && outer.start16 <= inner.start16 && inner.end16 <= outer.end16 &&
    (outer.end16 - outer.start16) > (inner.end16 - inner.start16);
}

/**
 * For each evidence hit inside a longer evidence hit (of any product), and
 * each benign or context hit inside an evidence hit ("plastic" in the code
 * word "white plastic", "carving" in "bone carving"): the containing entry.
 * Such hits are part of the longer term, so they neither count nor corroborate.
 */
function insideMap(hits: readonly Hit[]): Map<number, string> {
  const ev = hits.map((_h, i) => i).filter((i) => EVIDENCE_KINDS.has(hits[i]!.entry.kind));
  const inside = new Map<number, string>();
  for (let i = 0; i < hits.length; i++) {
    const k = hits[i]!.entry.kind;
    if (k !== 'benign' && k !== 'product_form' && k !== 'trade_signal') continue;
    for (const j of ev) {
      if (containedIn(hits[i]!, hits[j]!)) { inside.set(i, hits[j]!.entry.id); break; }
    }
  }
  for (const i of ev) {
    for (const j of ev) {
      if (i !== j && containedIn(hits[i]!, hits[j]!)) { inside.set(i, hits[j]!.entry.id); break; }
    }
  }
  return inside;
}

function scoreProduct(hits: readonly Hit[], product: string, inside: Map<number, string>, opts: ScoreOptions): { ps: ProductScore; picks: Pick[] } {
  const picks: Pick[] = [];
  const of = (kind: Kind) =>
    hits.map((_h, i) => i).filter((i) => hits[i]!.entry.kind === kind && appliesTo(hits[i]!.entry.product, product));

  const corroborated = hits.some((h, i) => CORROBORATING_KINDS.has(h.entry.kind) && appliesTo(h.entry.product, product) && !inside.has(i));

  // evidence: entries of this very product
  const evIdx = hits.map((_h, i) => i).filter((i) => EVIDENCE_KINDS.has(hits[i]!.entry.kind) && hits[i]!.entry.product === product);
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
  // products with evidence of their own (not only hits inside longer ones)
  const products = [...new Set(hits.filter((h, i) => EVIDENCE_KINDS.has(h.entry.kind) && !inside.has(i)).map((h) => h.entry.product))];
  let best: { ps: ProductScore; picks: Pick[] } | undefined;
  const all: ProductScore[] = [];
  for (const p of products) {
    const r = scoreProduct(hits, p, inside, opts);
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
