/**
 * Token positions in a field, for lexicon entries that count only near
 * another hit (`near` in the lexicon format: "ivory" next to "silk" is a
 * colour, "Victorian" before "ivory" makes it a material), and for the
 * length of a listing. Pure.
 *
 * A token is a run of letters or digits; in scripts written without spaces
 * (Chinese, Japanese, Thai, Lao, Khmer, Myanmar, Tibetan) every two
 * characters count as one token, about a word's length in Chinese and Thai.
 */
import { CharClass, charClass } from './normalize.js';
import type { Hit, Kind, Near } from './types.js';

/** Tokens in a text: a token starts at a letter or digit after neither; a NoSpace character is half a token. */
export function countTokens(text: string): number {
  let halves = 0;
  let prev: CharClass = CharClass.Other;
  for (let i = 0; i < text.length; i++) {
    const c = charClass(text.charCodeAt(i));
    if (c === CharClass.NoSpace) halves += 1;
    else if ((c === CharClass.Letter || c === CharClass.Digit) && prev !== CharClass.Letter && prev !== CharClass.Digit) halves += 2;
    prev = c;
  }
  return halves / 2;
}

/**
 * Tokens that start in text[from, to) (countTokens of text up to `to` less
 * that up to `from`), or Infinity once they are more than `limit`: a near
 * condition only asks whether a gap is within its limit, so this reads at most
 * the gap's first limit + 1 tokens (an index of token starts over every field
 * with a cue cost 3% of the time scoring the bench rows).
 */
export function tokensWithin(text: string, from: number, to: number, limit: number): number {
  if (to <= from) return 0;
  let halves = 0;
  let prev: CharClass = from > 0 ? charClass(text.charCodeAt(from - 1)) : CharClass.Other;
  const end = Math.min(to, text.length);
  for (let i = from; i < end; i++) {
    const c = charClass(text.charCodeAt(i));
    if (c === CharClass.NoSpace) halves += 1;
    else if ((c === CharClass.Letter || c === CharClass.Digit) && prev !== CharClass.Letter && prev !== CharClass.Digit) halves += 2;
    prev = c;
    if (halves > 2 * limit) return Infinity;
  }
  return halves / 2;
}

/** Tokens of the item fields of a listing (context fields do not count). */
export function itemTokens(fields: readonly { text: string; role?: string }[]): number {
  let n = 0;
  for (const f of fields) if (f.role !== 'context') n += countTokens(f.text);
  return n;
}

/** Anchors of one near condition in one field: their starts and ends, each sorted. */
interface Anchors {
  byStart: Hit[];
  byEnd: Hit[];
}

/** Index of the first element of sorted `xs` whose key is >= k. */
function lowerBound(xs: readonly Hit[], k: number, key: (h: Hit) => number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) { const m = (lo + hi) >> 1; if (key(xs[m]!) < k) lo = m + 1; else hi = m; }
  return lo;
}

/**
 * Keeps the hits whose entry has no `near` condition, and those whose
 * condition holds (setting `nearOf` to the entry of the nearest anchor);
 * drops the others. `fields`: the texts the hits were found in. Anchors are
 * hits of entries without a condition of their own. n log n: the nearest
 * anchor on each side is found by binary search (so 30,000 repeated hits
 * cost no more than their sorting).
 */
export function applyNear(hits: Hit[], fields: readonly { name: string; text: string }[]): Hit[] {
  if (!hits.some((h) => h.entry.near !== undefined)) return hits;
  const texts = new Map(fields.map((f) => [f.name, f.text]));
  // per condition (the entry's Near object) and field
  const anchorSets = new Map<Near, Map<string, Anchors>>();
  const anchorsOf = (near: Near, field: string): Anchors => {
    let byField = anchorSets.get(near);
    if (byField === undefined) {
      byField = new Map();
      const kinds = near.kinds ? new Set<Kind>(near.kinds) : undefined;
      const entries = near.entries ? new Set(near.entries) : undefined;
      for (const a of hits) {
        if (a.entry.near !== undefined || !((entries?.has(a.entry.id) ?? false) || (kinds?.has(a.entry.kind) ?? false))) continue;
        let x = byField.get(a.field);
        if (x === undefined) byField.set(a.field, (x = { byStart: [], byEnd: [] }));
        x.byStart.push(a);
        x.byEnd.push(a);
      }
      for (const x of byField.values()) {
        x.byStart.sort((p, q) => p.start16 - q.start16);
        x.byEnd.sort((p, q) => p.end16 - q.end16);
      }
      anchorSets.set(near, byField);
    }
    return byField.get(field) ?? { byStart: [], byEnd: [] };
  };
  const out: Hit[] = [];
  for (const h of hits) {
    const near = h.entry.near;
    if (near === undefined) { out.push(h); continue; }
    const anchors = anchorsOf(near, h.field);
    const text = texts.get(h.field) ?? '';
    let best: { hit: Hit; gap: number } | undefined;
    if (near.side !== 'after') {
      // this hit first: the anchor starting soonest after its end
      const a = anchors.byStart[lowerBound(anchors.byStart, h.end16, (x) => x.start16)];
      if (a !== undefined) best = { hit: a, gap: tokensWithin(text, h.end16, a.start16, near.within) };
    }
    if (near.side !== 'before') {
      // the anchor first: the one ending last before this hit's start
      const a = anchors.byEnd[lowerBound(anchors.byEnd, h.start16 + 1, (x) => x.end16) - 1];
      if (a !== undefined) {
        const gap = tokensWithin(text, a.end16, h.start16, near.within);
        if (best === undefined || gap < best.gap) best = { hit: a, gap };
      }
    }
    if (best !== undefined && best.gap <= near.within) { h.nearOf = best.hit.entry.id; out.push(h); }
  }
  return out;
}
