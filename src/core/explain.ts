/** Turns a score result into plain records and text. Pure. */
import type { ScoredHit, ScoreResult } from './score.js';
import { MAX_HITS_PER_ENTRY } from './matcher.js';

export interface HitRecord {
  entry: string;
  lexicon: string;
  kind: string;
  product: string;
  lang: string;
  term: string;
  match: string;
  field: string;
  start: number;
  end: number;
  transform: string;
  weight: number;
  contribution: number;
  status: string;
  /** 'item' (the field describes the item) or 'context' (a bio, a shop name: see --context) */
  role: string;
  /** for an entry with a near condition: the entry of the hit it was found near */
  near?: string;
}

export function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

export function hitRecord(s: ScoredHit): HitRecord {
  const h = s.hit;
  return {
    entry: h.entry.id,
    lexicon: h.entry.lexicon,
    kind: h.entry.kind,
    product: h.entry.product,
    lang: h.lang,
    term: h.term,
    match: h.match,
    field: h.field,
    start: h.start,
    end: h.end,
    transform: h.transform,
    weight: round(h.weight, 3),
    contribution: round(s.contribution, 3),
    status: s.status,
    role: h.role ?? 'item',
    ...(h.nearOf !== undefined ? { near: h.nearOf } : {}),
  };
}

const STATUS_TEXT: Record<string, string> = {
  counted: 'counted',
  uncorroborated: 'needs a product form or sale signal: counted at a reduced rate',
  repeat: 'same entry already counted',
  inside: 'inside a longer hit',
  capped: 'counted, scaled down (2 a context kind, 1.5 from context fields, context at most the evidence, less in long texts)',
  context: 'in a context field: corroborates, and counts half its weight as context, never as evidence',
  'other-product': 'belongs to another product than the best one',
  negated: 'cancelled by a negation right before it',
  negation: 'a negation: cancels a benign or news term right after it',
  'no-evidence': 'no product evidence in the item fields',
};

export function statusText(s: ScoredHit): string {
  const base = STATUS_TEXT[s.status] ?? s.status;
  const near = s.hit.nearOf !== undefined ? `; near ${s.hit.nearOf}` : '';
  return (s.insideOf ? `${base} (${s.insideOf})` : base) + near;
}

/** A plain-text explanation, one line per hit plus per-product totals. */
export function explainText(result: ScoreResult, scale: number): string[] {
  const lines: string[] = [];
  if (result.hits.length === 0) {
    lines.push('no lexicon entry matched');
  }
  for (const s of result.hits) {
    const r = hitRecord(s);
    const amount = `${r.contribution > 0 ? '+' : ''}${r.contribution.toFixed(2)}`;
    lines.push(
      `${amount.padStart(6)}  ${r.kind.padEnd(12)} ${r.entry}  "${r.match}" (${r.field}${r.role === 'context' ? ' [context]' : ''} ${r.start}-${r.end}, term "${r.term}" [${r.lang}], ${r.transform}, weight ${r.weight})  ${statusText(s)}`,
    );
  }
  for (const p of result.candidates) {
    const parts = p.parts;
    lines.push(
      `product ${p.product}: raw ${round(p.raw, 3)} = evidence ${round(parts.evidence, 3)} + forms ${round(parts.forms, 3)} + trade ${round(parts.trade, 3)} + context ${round(parts.context, 3)} + benign ${round(parts.benign, 3)} + news ${round(parts.news, 3)}; score ${round(p.score)}`,
    );
  }
  if (result.notKept !== undefined) lines.push(`hits not kept: ${result.notKept} more of entries already found ${MAX_HITS_PER_ENTRY} times in one field (only an entry's best hit counts)`);
  if (result.length.factor < 1) lines.push(`length: ${result.length.tokens} tokens in the item fields: forms, trade and context scaled by ${round(result.length.factor, 3)}`);
  lines.push(`score = 1 - exp(-raw / ${scale}) for raw > 0, else 0: raw ${round(result.raw, 3)} -> score ${round(result.score)} (${result.level})`);
  return lines;
}
