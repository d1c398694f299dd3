/**
 * Candidate new lexicon terms (wildsift suggest): words and two-word phrases
 * that flagged listings use near their product evidence far more often than
 * a background of other listings does. Pure.
 *
 * Each candidate is counted once per listing (document frequency, so one
 * spammy listing cannot push a word up) near the evidence of flagged
 * listings (foreground) and anywhere in the background listings. Ranking is
 * the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
 * and Quinn 2008, "Fightin' Words"), divided by its standard deviation: a
 * z-score that is large for a word both frequent in the foreground and rare
 * in the background, and that does not let a word seen twice win on a ratio.
 * Spans that a lexicon entry already matched are left out: they are known.
 * Scripts written without spaces (Chinese, Japanese, Thai) give character
 * pairs instead of words.
 */
import { CharClass, charClass, normalize } from './normalize.js';

export interface SuggestField {
  text: string;
  /** spans (UTF-16) of evidence hits: the candidates are looked for around them */
  anchors: { start16: number; end16: number; lang: string; product: string }[];
  /** spans (UTF-16) of every lexicon hit: known terms, never candidates */
  known: { start16: number; end16: number }[];
}

export interface SuggestDoc {
  id: string;
  fields: SuggestField[];
}

export interface SuggestOptions {
  /** tokens either side of an evidence hit that count as near it */
  window: number;
  /** candidates seen in fewer foreground listings are left out */
  minCount: number;
  /** how many to return */
  top: number;
  /** strength of the prior, in pseudo-listings */
  priorStrength: number;
}

export const DEFAULT_SUGGEST: SuggestOptions = { window: 5, minCount: 3, top: 20, priorStrength: 100 };

export interface Suggestion {
  /** the candidate, normalized (what is counted) */
  term: string;
  /** as written in its first foreground listing (accents and tone marks kept: the form for a lexicon) */
  written: string;
  /** z-score of the log-odds ratio (foreground against background) */
  z: number;
  /** the log-odds ratio itself */
  logOdds: number;
  /** foreground listings it is near evidence in, and background listings it is in */
  foreground: number;
  background: number;
  /** the language and product of the evidence it is most often near */
  lang: string;
  product: string;
  /** up to three foreground listings: id and the text around it */
  examples: { id: string; text: string }[];
}

interface Token {
  text: string;
  s16: number;
  e16: number;
}

/** Words of normalized text, with their spans in the original; runs of NoSpace characters as overlapping character pairs. */
export function tokensOf(original: string): Token[] {
  const n = normalize(original);
  const t = n.text;
  const out: Token[] = [];
  let i = 0;
  while (i < t.length) {
    if (t.charCodeAt(i) === 0x20) { i++; continue; }
    let j = i;
    while (j < t.length && t.charCodeAt(j) !== 0x20) j++;
    // split the word into runs of spaced-script characters and of NoSpace characters
    let k = i;
    while (k < j) {
      const ns = charClass(t.charCodeAt(k)) === CharClass.NoSpace;
      let m = k + 1;
      while (m < j && (charClass(t.charCodeAt(m)) === CharClass.NoSpace) === ns) m++;
      if (ns) {
        for (let p = k; p + 1 < m; p++) out.push({ text: t.slice(p, p + 2), s16: n.starts[p]!, e16: n.ends[p + 1]! });
        if (m - k === 1) out.push({ text: t.slice(k, m), s16: n.starts[k]!, e16: n.ends[k]! });
      } else out.push({ text: t.slice(k, m), s16: n.starts[k]!, e16: n.ends[m - 1]! });
      k = m;
    }
    i = j;
  }
  return out;
}

/** A token worth suggesting: not a number, not a one- or two-letter Latin word. */
function usable(tok: string): boolean {
  // sizes, prices and phone numbers change from ad to ad
  if (/[0-9]/.test(tok)) return false;
  if (/^[a-z0-9$@]{1,2}$/.test(tok)) return false;
  return /[\p{L}]/u.test(tok);
}

const overlaps = (a: { s16: number; e16: number }, b: { start16: number; end16: number }) => a.s16 < b.end16 && b.start16 < a.e16;

/** The candidate terms of one field: unigrams and bigrams, near an anchor when `nearOnly`, never over a known span. */
function candidates(f: SuggestField, window: number, nearOnly: boolean): Map<string, { anchor?: SuggestField['anchors'][number]; s16: number; e16: number }> {
  const toks = tokensOf(f.text);
  const out = new Map<string, { anchor?: SuggestField['anchors'][number]; s16: number; e16: number }>();
  // token index ranges of anchors
  const anchorAt: { lo: number; hi: number; a: SuggestField['anchors'][number] }[] = [];
  if (nearOnly) {
    for (const a of f.anchors) {
      let lo = -1;
      let hi = -1;
      toks.forEach((t, idx) => { if (t.s16 < a.end16 && a.start16 < t.e16) { if (lo < 0) lo = idx; hi = idx; } });
      if (lo >= 0) anchorAt.push({ lo, hi, a });
    }
    if (anchorAt.length === 0) return out;
  }
  const known = (t: Token) => f.known.some((k) => overlaps(t, k));
  for (let i = 0; i < toks.length; i++) {
    let anchor: SuggestField['anchors'][number] | undefined;
    if (nearOnly) {
      for (const r of anchorAt) if (i >= r.lo - window && i <= r.hi + window && (i < r.lo || i > r.hi)) { anchor = r.a; break; }
      if (!anchor) continue;
    }
    const a = toks[i]!;
    if (known(a) || !usable(a.text)) continue;
    if (!out.has(a.text)) out.set(a.text, { ...(anchor ? { anchor } : {}), s16: a.s16, e16: a.e16 });
    const b = toks[i + 1];
    if (b && !known(b) && usable(b.text) && !(charClass(a.text.charCodeAt(0)) === CharClass.NoSpace)) {
      const bi = `${a.text} ${b.text}`;
      if (!out.has(bi)) out.set(bi, { ...(anchor ? { anchor } : {}), s16: a.s16, e16: b.e16 });
    }
  }
  return out;
}

/**
 * The candidates over-represented near evidence in `foreground` against
 * `background`, best first.
 */
export function suggestTerms(foreground: readonly SuggestDoc[], background: readonly SuggestDoc[], o: SuggestOptions = DEFAULT_SUGGEST): Suggestion[] {
  const fg = new Map<string, number>();
  const bg = new Map<string, number>();
  const seen = new Map<string, { written: string; langs: Map<string, number>; products: Map<string, number>; examples: { id: string; text: string }[] }>();
  for (const d of foreground) {
    const terms = new Map<string, { anchor?: SuggestField['anchors'][number]; s16: number; e16: number; text: string }>();
    for (const f of d.fields) for (const [k, v] of candidates(f, o.window, true)) if (!terms.has(k)) terms.set(k, { ...v, text: f.text });
    for (const [k, v] of terms) {
      fg.set(k, (fg.get(k) ?? 0) + 1);
      let s = seen.get(k);
      if (!s) { s = { written: v.text.slice(v.s16, v.e16), langs: new Map(), products: new Map(), examples: [] }; seen.set(k, s); }
      if (v.anchor) {
        s.langs.set(v.anchor.lang, (s.langs.get(v.anchor.lang) ?? 0) + 1);
        s.products.set(v.anchor.product, (s.products.get(v.anchor.product) ?? 0) + 1);
      }
      if (s.examples.length < 3) s.examples.push({ id: d.id, text: around(v.text, v.s16, v.e16) });
    }
  }
  for (const d of background) {
    const terms = new Set<string>();
    for (const f of d.fields) for (const k of candidates(f, o.window, false).keys()) terms.add(k);
    for (const k of terms) bg.set(k, (bg.get(k) ?? 0) + 1);
  }
  let nf = 0;
  let nb = 0;
  for (const v of fg.values()) nf += v;
  for (const v of bg.values()) nb += v;
  const vocab = new Set([...fg.keys(), ...bg.keys()]);
  const total = nf + nb;
  const out: Suggestion[] = [];
  for (const [term, y] of fg) {
    if (y < o.minCount) continue;
    const b = bg.get(term) ?? 0;
    // prior: the pooled frequency, worth priorStrength pseudo-listings spread over the vocabulary
    const alpha = Math.max(1e-3, (o.priorStrength * (y + b)) / Math.max(1, total)) + 0.01;
    const a0 = o.priorStrength + 0.01 * vocab.size;
    const lf = Math.log((y + alpha) / (nf + a0 - y - alpha));
    const lb = Math.log((b + alpha) / (nb + a0 - b - alpha));
    const delta = lf - lb;
    const z = delta / Math.sqrt(1 / (y + alpha) + 1 / (b + alpha));
    const s = seen.get(term)!;
    out.push({ term, written: s.written, z, logOdds: delta, foreground: y, background: b, lang: best(s.langs) ?? 'und', product: best(s.products, true) ?? 'any', examples: s.examples });
  }
  out.sort((x, y) => y.z - x.z || y.foreground - x.foreground || (x.term < y.term ? -1 : x.term > y.term ? 1 : 0));
  // a bigram and its own words often rank together: keep a word only when its bigram does not hold nearly all its uses
  const kept: Suggestion[] = [];
  for (const s of out) {
    if (kept.length >= o.top) break;
    if (!s.term.includes(' ') && kept.some((k) => k.term.split(' ').includes(s.term) && k.foreground >= 0.8 * s.foreground)) continue;
    kept.push(s);
  }
  return kept;
}

/** The most frequent key; with `majority`, only when it holds more than half of the counts. */
function best(m: Map<string, number>, majority = false): string | undefined {
  let b: string | undefined;
  let n = -1;
  let total = 0;
  for (const [k, v] of m) {
    total += v;
    if (v > n || (v === n && b !== undefined && k < b)) { b = k; n = v; }
  }
  return majority && 2 * n <= total ? undefined : b;
}

/** About 60 characters of text around a span, on one line. */
function around(text: string, s16: number, e16: number): string {
  const from = Math.max(0, s16 - 30);
  const to = Math.min(text.length, e16 + 30);
  return `${from > 0 ? '…' : ''}${text.slice(from, to).replace(/\s+/g, ' ').trim()}${to < text.length ? '…' : ''}`;
}
