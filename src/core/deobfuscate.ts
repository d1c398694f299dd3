/**
 * Undoes the tricks sellers use against keyword filters, on already
 * normalized text: letters split by separators (i.v.o.r.y, 象.牙), digits and
 * symbols for letters (1v0ry, $hark, m@rfil), look-alike letters from other scripts
 * (іvory with a Cyrillic і), repeated letters (ivoooory), hashtags and
 * camelCase run-together words (#ivorycarving, RhinoHorn).
 *
 * The result is a second text for the matcher. Each of its characters records
 * which normalized character it comes from and which tricks were undone, so
 * that a hit is kept only where undoing a trick made a lexicon term appear:
 * prices, phone numbers and sizes keep their meaning elsewhere. Pure; the
 * buffers are reused, so a result is valid until the next call.
 */
import { createRequire } from 'node:module';
import { CharClass, charClass, decodeUtf16 } from './normalize.js';

export const F_SEPARATOR = 1;
export const F_LOOKALIKE = 2;
export const F_REPEAT = 4;

export interface Deobfuscated {
  text: string;
  /** index in the normalized text of each character */
  source: Int32Array;
  /** F_* flags of each character */
  flags: Uint8Array;
  /** soft[i] = 1: a word may begin or end between characters i-1 and i (hashtag or camelCase) */
  soft: Uint8Array;
}

/** What sellers put between the characters of a word: spaces, dots, dashes, underscores, asterisks, emoji. Not list or sentence punctuation (/ , 。). */
const EVASION_GAP = /^[\s.\-_*·•~\u200b-\u200f\u2060\ufeff\p{So}\p{Sk}\p{Mn}]+$/u;

/** Digits and symbols read as letters, inside tokens that also have letters and no digit without a reading. */
const DIGIT_LETTER = new Uint16Array(128);
for (const [d, l] of Object.entries({ '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', $: 's', '@': 'a' })) DIGIT_LETTER[d.charCodeAt(0)] = l.charCodeAt(0);

let confusable: Map<number, string> | undefined;
/** Non-ASCII characters that look like ASCII letters, from Unicode's confusables (unhomoglyph). */
function confusables(): Map<number, string> {
  if (!confusable) {
    confusable = new Map();
    // loaded when a text first needs it: importing the 100 KB table cost 8 ms of every start-up
    const homoglyphs = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;
    // single non-ASCII characters to ASCII letters (468 of 6,311 keys; the cheap test first)
    for (const from in homoglyphs) {
      if (from.length !== 1 || from.charCodeAt(0) <= 0x7f) continue;
      const to = homoglyphs[from]!;
      if (/^[a-z]+$/i.test(to)) confusable.set(from.charCodeAt(0), to.toLowerCase());
    }
  }
  return confusable;
}

// reused buffers
let cap = 0;
let tokS = new Int32Array(0);
let tokE = new Int32Array(0);
let joinPrev = new Uint8Array(0);
let out = new Uint16Array(0);
let src = new Int32Array(0);
let flg = new Uint8Array(0);
let soft = new Uint8Array(0);
let grpS = new Int32Array(0);
let grpE = new Int32Array(0);
let grpMode = new Uint8Array(0);

const G_DIGITS = 1;
const G_FOREIGN = 2;
const G_HASHTAG = 4;
const G_CAMEL = 8;
/** joined separators or a letter three times in a row */
const G_TRICK = 16;
/** words kept on each side of a word with a trick: terms have at most this many more words */
const NEIGHBOURS = 4;
/** stands for the words left out; in no pattern, so no match crosses it */
const BREAK = 0x1;

function ensure(n: number): void {
  if (n <= cap) return;
  cap = Math.max(n, cap * 2, 256);
  tokS = new Int32Array(cap);
  grpS = new Int32Array(cap);
  grpE = new Int32Array(cap);
  grpMode = new Uint8Array(cap);
  tokE = new Int32Array(cap);
  joinPrev = new Uint8Array(cap);
  // a look-alike may stand for two letters: room for twice the text
  out = new Uint16Array(cap * 2 + 2);
  src = new Int32Array(cap * 2 + 2);
  flg = new Uint8Array(cap * 2 + 2);
  soft = new Uint8Array(cap * 2 + 3);
}

function isTokenChar(code: number): boolean {
  if (code < 0x80) return code !== 0x20; // normalized ASCII is a-z, 0-9, '$' or space
  return charClass(code) !== CharClass.Other;
}

function isLetter(code: number): boolean {
  return code < 0x80 ? code >= 0x61 && code <= 0x7a : charClass(code) === CharClass.Letter;
}

/** Builds the de-obfuscated text from normalized text `t` (with its maps `starts`/`ends` into `original`). */
export function deobfuscate(original: string, t: string, starts: Int32Array, ends: Int32Array): Deobfuscated {
  const n = t.length;
  ensure(n + 1);
  // 1. tokens: runs of letters, digits, CJK and '$'; spaces, emoji and other symbols separate them
  let nt = 0;
  for (let i = 0; i < n;) {
    if (!isTokenChar(t.charCodeAt(i))) { i++; continue; }
    let j = i + 1;
    while (j < n && isTokenChar(t.charCodeAt(j))) j++;
    tokS[nt] = i;
    tokE[nt] = j;
    joinPrev[nt] = 0;
    nt++;
    i = j;
  }
  // 2a. CJK and Thai split by what sellers put between characters (象.牙, 犀-牛-角): rejoin, never across 。，/
  for (let k = 1; k < nt; k++) {
    const a = t.charCodeAt(tokE[k - 1]! - 1);
    const b = t.charCodeAt(tokS[k]!);
    if (a < 0x0e00 || b < 0x0e00) continue;
    if (charClass(a) !== CharClass.NoSpace || charClass(b) !== CharClass.NoSpace) continue;
    if (EVASION_GAP.test(original.slice(ends[tokE[k - 1]! - 1]!, starts[tokS[k]!]!))) joinPrev[k] = 1;
  }
  // 2b. runs of 3+ single Latin letters or digits (i v o r y, i.v.o.r.y)
  for (let k = 0; k < nt;) {
    const single = (q: number) => {
      if (tokE[q]! - tokS[q]! !== 1) return false;
      const c = charClass(t.charCodeAt(tokS[q]!));
      return c === CharClass.Letter || c === CharClass.Digit;
    };
    if (!single(k)) { k++; continue; }
    let m = k + 1;
    while (m < nt && single(m)) m++;
    if (m - k >= 3) for (let q = k + 1; q < m; q++) joinPrev[q] = 2;
    k = m;
  }
  // 3. groups of joined tokens, and whether each holds a trick
  const anyHash = original.includes('#');
  const anyCamel = /[a-z][A-Z]/.test(original);
  let ng = 0;
  for (let g = 0; g < nt;) {
    let h = g + 1;
    while (h < nt && joinPrev[h]) h++;
    let ascii = false;
    let digits = false;
    let unreadable = false;
    let foreign = 0;
    let mappable = 0;
    let triple = false;
    let camel = false;
    for (let q = g; q < h; q++) {
      for (let i = tokS[q]!; i < tokE[q]!; i++) {
        const c = t.charCodeAt(i);
        if (c >= 0x61 && c <= 0x7a) {
          ascii = true;
          if (i >= tokS[q]! + 2 && t.charCodeAt(i - 1) === c && t.charCodeAt(i - 2) === c) triple = true;
        } else if ((c >= 0x30 && c <= 0x39) || c === 0x24 || c === 0x40) {
          digits = true;
          if (!DIGIT_LETTER[c]) unreadable = true;
        } else if (c >= 0x80 && charClass(c) === CharClass.Letter) {
          foreign++;
          if (confusables().has(c)) mappable++; // built at the first letter outside ASCII
        }
        if (anyCamel && i > tokS[q]!) {
          const a = original.charCodeAt(starts[i - 1]!);
          const b = original.charCodeAt(starts[i]!);
          if (a >= 0x61 && a <= 0x7a && b >= 0x41 && b <= 0x5a) camel = true;
        }
      }
    }
    const o0 = starts[tokS[g]!]!;
    const hashtag = anyHash && o0 > 0 && original.charCodeAt(o0 - 1) === 0x23;
    const mode =
      // a digit with no letter reading (2, 6, 9) means a number, not a disguised word:
      // "1890s" is a decade, not "ib" + "90s"
      (digits && !unreadable && (ascii || mappable > 0) ? G_DIGITS : 0) |
      (mappable > 0 && (ascii || mappable === foreign) ? G_FOREIGN : 0) |
      (hashtag ? G_HASHTAG : 0) |
      (camel ? G_CAMEL : 0) |
      (triple ? G_TRICK : 0) |
      (h - g > 1 ? G_TRICK : 0);
    grpS[ng] = g;
    grpE[ng] = h;
    grpMode[ng] = mode;
    ng++;
    g = h;
  }

  // 4. emit the groups that hold a trick and their neighbours (a term spans at most
  //    NEIGHBOURS more words); a break character stands for the groups left out
  let p = 0;
  let lastTrick = -1e9;
  let nextTrick = -1;
  for (let x = 0; x < ng; x++) {
    if (nextTrick < x) {
      nextTrick = x;
      while (nextTrick < ng && grpMode[nextTrick] === 0) nextTrick++;
      if (nextTrick >= ng) nextTrick = 1e9;
    }
    const mode = grpMode[x]!;
    if (mode !== 0) lastTrick = x;
    if (mode === 0 && x - lastTrick > NEIGHBOURS && nextTrick - x > NEIGHBOURS) {
      if (p > 0 && out[p - 1] !== BREAK) { out[p] = BREAK; src[p] = tokS[grpS[x]!]!; flg[p] = 0; soft[p] = 0; p++; }
      continue;
    }
    const g = grpS[x]!;
    const h = grpE[x]!;
    const mapDigits = (mode & G_DIGITS) !== 0;
    const mapForeign = (mode & G_FOREIGN) !== 0;
    const hashtag = (mode & G_HASHTAG) !== 0;
    const camelGroup = (mode & G_CAMEL) !== 0;
    if (p > 0 && out[p - 1] !== BREAK) { out[p] = 0x20; src[p] = tokS[g]!; flg[p] = 0; soft[p] = 0; p++; }
    const groupStart = p;
    for (let q = g; q < h; q++) {
      const joined = joinPrev[q] !== 0;
      for (let i = tokS[q]!; i < tokE[q]!; i++) {
        let c = t.charCodeAt(i);
        let f = joined || (q + 1 < h && i === tokE[q]! - 1) ? F_SEPARATOR : 0;
        let camel = false;
        if (camelGroup && i > tokS[q]!) {
          const a = original.charCodeAt(starts[i - 1]!);
          const b = original.charCodeAt(starts[i]!);
          camel = a >= 0x61 && a <= 0x7a && b >= 0x41 && b <= 0x5a;
        }
        let sub: string | undefined;
        if (mapDigits && c < 0x80 && DIGIT_LETTER[c]) { c = DIGIT_LETTER[c]!; f |= F_LOOKALIKE; }
        else if (mapForeign && c >= 0x80) {
          sub = confusables().get(c);
          if (sub !== undefined) { c = sub.charCodeAt(0); f |= F_LOOKALIKE; }
        }
        const isSoft = p > groupStart && (hashtag || camel);
        // squeeze a letter repeated inside a word (the lexicon patterns are squeezed the same way)
        if (p > groupStart && !isSoft && out[p - 1] === c && isLetter(c)) {
          flg[p - 1] = flg[p - 1]! | F_REPEAT | f;
          continue;
        }
        out[p] = c; src[p] = i; flg[p] = f; soft[p] = isSoft ? 1 : 0; p++;
        if (sub !== undefined) {
          for (let k = 1; k < sub.length; k++) { out[p] = sub.charCodeAt(k); src[p] = i; flg[p] = f; soft[p] = 0; p++; }
        }
      }
    }
  }
  soft[p] = 0;
  return { text: decodeUtf16(out, p), source: src.subarray(0, p), flags: flg.subarray(0, p), soft: soft.subarray(0, p + 1) };
}

/** A lexicon term as the de-obfuscated text would show it: letter runs squeezed. */
export function squeeze(s: string): string {
  let r = '';
  for (const ch of s) {
    if (r.length > 0 && r[r.length - 1] === ch && charClass(ch.charCodeAt(0)) === CharClass.Letter) continue;
    r += ch;
  }
  return r;
}
