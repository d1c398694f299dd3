/**
 * Additive, explainable scoring. Pure.
 *
 * For every product with evidence (a product, species or code-word hit), a raw
 * sum is formed from:
 *   evidence   each evidence entry once (its best hit); an entry whose
 *              corroboration is 'required' counts UNCORROBORATED_FACTOR of its
 *              weight unless a product_form or trade_signal entry for that
 *              product (or for 'any') also hits; a hit lying inside a longer
 *              evidence hit of the same product counts nothing.
 *   forms      product_form entries for the product or 'any', capped at FORM_CAP
 *   trade      trade_signal entries, capped at TRADE_CAP
 *   benign     benign entries for the product or 'any' (negative weights)
 *   news       news entries for the product or 'any' (negative weights)
 * The listing's raw score is that of its best product; the score is
 * 1 - exp(-raw / SCALE) for raw > 0, else 0. Every hit's contribution to the
 * best product is recorded, and they add up to the raw score.
 */
import { ANY_PRODUCT, CORROBORATING_KINDS, EVIDENCE_KINDS, type Hit, type Kind, type Level } from './types.js';

export interface ScoreOptions {
  /** scale of the saturating curve (raw score that gives 0.63) */
  scale: number;
  uncorroboratedFactor: number;
  formCap: number;
  tradeCap: number;
  /** level cut-offs on the 0..1 score */
  levels: { high: number; medium: number; low: number };
}

export const DEFAULT_SCORE_OPTIONS: ScoreOptions = {
  scale: 3,
  uncorroboratedFactor: 0.25,
  formCap: 2,
  tradeCap: 2,
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
  | 'no-evidence';

export interface ScoredHit {
  hit: Hit;
  /** amount this hit adds to the listing's raw score (0 when it does not count) */
  contribution: number;
  status: HitStatus;
  /** for 'inside': the entry whose longer hit contains this one */
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

function scoreProduct(hits: readonly Hit[], product: string, opts: ScoreOptions): { ps: ProductScore; picks: Pick[] } {
  const picks: Pick[] = [];
  const of = (kinds: (k: Kind) => boolean) =>
    hits.map((h, i) => i).filter((i) => kinds(hits[i]!.entry.kind) && appliesTo(hits[i]!.entry.product, product));

  const corroborated = hits.some((h) => CORROBORATING_KINDS.has(h.entry.kind) && appliesTo(h.entry.product, product));

  // evidence: entries of this very product
  const evIdx = hits.map((h, i) => i).filter((i) => EVIDENCE_KINDS.has(hits[i]!.entry.kind) && hits[i]!.entry.product === product);
  const inside = new Map<number, string>();
  for (const i of evIdx) {
    for (const j of evIdx) {
      if (i !== j && containedIn(hits[i]!, hits[j]!)) { inside.set(i, hits[j]!.entry.id); break; }
    }
  }
  const ev = bestPerEntry(hits, evIdx.filter((i) => !inside.has(i)));
  let evidence = 0;
  for (const i of ev.best) {
    const h = hits[i]!;
    const needs = h.entry.corroboration === 'required';
    const amount = needs && !corroborated ? h.weight * opts.uncorroboratedFactor : h.weight;
    evidence += amount;
    picks.push({ index: i, amount, status: needs && !corroborated ? 'uncorroborated' : 'counted' });
  }
  for (const i of ev.repeats) picks.push({ index: i, amount: 0, status: 'repeat' });
  for (const [i] of inside) picks.push({ index: i, amount: 0, status: 'inside' });

  const capped = (kind: Kind, cap: number): number => {
    const sel = bestPerEntry(hits, of((k) => k === kind));
    const total = sel.best.reduce((s, i) => s + hits[i]!.weight, 0);
    const factor = total > cap ? cap / total : 1;
    for (const i of sel.best) picks.push({ index: i, amount: hits[i]!.weight * factor, status: factor < 1 ? 'capped' : 'counted' });
    for (const i of sel.repeats) picks.push({ index: i, amount: 0, status: 'repeat' });
    return total * factor;
  };
  const forms = capped('product_form', opts.formCap);
  const trade = capped('trade_signal', opts.tradeCap);
  const uncapped = (kind: Kind): number => {
    const sel = bestPerEntry(hits, of((k) => k === kind));
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
  const products = [...new Set(hits.filter((h) => EVIDENCE_KINDS.has(h.entry.kind)).map((h) => h.entry.product))];
  let best: { ps: ProductScore; picks: Pick[] } | undefined;
  const all: ProductScore[] = [];
  for (const p of products) {
    const r = scoreProduct(hits, p, opts);
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
    // 'inside' needs the containing entry for the explanation
    for (let i = 0; i < hits.length; i++) {
      if (scored[i]!.status !== 'inside') continue;
      const outer = hits.find((o) => o !== hits[i] && EVIDENCE_KINDS.has(o.entry.kind) && o.entry.product === hits[i]!.entry.product && containedIn(hits[i]!, o));
      if (outer) scored[i]!.insideOf = outer.entry.id;
    }
  }
  const raw = best === undefined ? 0 : best.ps.raw;
  const score = curve(raw, opts.scale);
  const positive = all.filter((p) => p.raw > 0).sort((a, b) => b.raw - a.raw || a.product.localeCompare(b.product));
  return { score, raw, level: levelOf(score, opts.levels), products: positive, hits: scored };
}
