/**
 * Undoes the tricks sellers use against keyword filters, on already
 * normalized text: letters split by separators (i.v.o.r.y, 象.牙), digits and
 * symbols for letters (1v0ry, $hark), look-alike letters from other scripts
 * (іvory with a Cyrillic і), repeated letters (ivoooory), hashtags and
 * camelCase run-together words (#ivorycarving, RhinoHorn).
 *
 * The result is a second text for the matcher. Each of its characters records
 * which normalized character it comes from and which tricks were undone, so
 * that a hit is kept only where undoing a trick made a lexicon term appear:
 * prices, phone numbers and sizes keep their meaning elsewhere. Pure.
 */
import homoglyphs from 'unhomoglyph/data.json' with { type: 'json' };
import { CharClass, charClass } from './normalize.js';

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

/** Digits and symbols read as letters, inside tokens that also have letters. */
const DIGIT_LETTER: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '$': 's' };

let confusable: Map<string, string> | undefined;
/** Non-ASCII characters that look like ASCII letters, from Unicode's confusables (unhomoglyph). */
function confusables(): Map<string, string> {
  if (!confusable) {
    confusable = new Map();
    for (const [from, to] of Object.entries(homoglyphs)) {
      if (from.length === 1 && from.charCodeAt(0) > 0x7f && /^[a-z]+$/i.test(to)) confusable.set(from, to.toLowerCase());
    }
  }
  return confusable;
}

interface Tok {
  /** characters with their normalized-text index and flags */
  chars: string[];
  src: number[];
  flags: number[];
  softAt: Set<number>;
  hashtag: boolean;
}

function isTokenChar(code: number): boolean {
  if (code === 0x20) return false;
  return code === 0x24 || charClass(code) !== CharClass.Other;
}

/** Builds the de-obfuscated text from normalized text `t` (with its map `starts` into `original`). */
export function deobfuscate(original: string, t: string, starts: Int32Array, ends: Int32Array): Deobfuscated {
  // 1. tokens: runs of letters, digits, CJK and '$'; spaces, emoji and other symbols separate them
  const toks: Tok[] = [];
  let i = 0;
  const n = t.length;
  while (i < n) {
    if (!isTokenChar(t.charCodeAt(i))) { i++; continue; }
    const tok: Tok = { chars: [], src: [], flags: [], softAt: new Set(), hashtag: false };
    const o0 = starts[i]!;
    tok.hashtag = o0 > 0 && original.charCodeAt(o0 - 1) === 0x23; // '#'
    while (i < n && isTokenChar(t.charCodeAt(i))) {
      const k = tok.chars.length;
      if (k > 0) {
        // camelCase: lower-case letter followed by an upper-case one in the original
        const a = original.charCodeAt(starts[i - 1]!);
        const b = original.charCodeAt(starts[i]!);
        if (a >= 0x61 && a <= 0x7a && b >= 0x41 && b <= 0x5a) tok.softAt.add(k);
      }
      tok.chars.push(t[i]!);
      tok.src.push(i);
      tok.flags.push(0);
      i++;
    }
    toks.push(tok);
  }

  // 2a. CJK and Thai split by separators sellers use (象.牙, 犀-牛-角, 象 牙): rejoin across
  //     such gaps, never across sentence punctuation (。，！)
  for (let k = toks.length - 2; k >= 0; k--) {
    const a = toks[k]!;
    const b = toks[k + 1]!;
    const lastA = a.chars[a.chars.length - 1]!.charCodeAt(0);
    const firstB = b.chars[0]!.charCodeAt(0);
    if (charClass(lastA) !== CharClass.NoSpace || charClass(firstB) !== CharClass.NoSpace) continue;
    const gap = original.slice(ends[a.src[a.src.length - 1]!]!, starts[b.src[0]!]!);
    if (!EVASION_GAP.test(gap)) continue;
    a.chars.push(...b.chars);
    a.src.push(...b.src);
    a.flags[a.flags.length - 1] = a.flags[a.flags.length - 1]! | F_SEPARATOR;
    a.flags.push(F_SEPARATOR, ...b.flags.slice(1));
    for (const x of b.softAt) a.softAt.add(x + a.chars.length - b.chars.length);
    toks.splice(k + 1, 1);
  }

  // 2b. rejoin runs of 3+ single Latin letters or digits (i v o r y, i.v.o.r.y)
  const joined: Tok[] = [];
  for (let k = 0; k < toks.length;) {
    const first = toks[k]!;
    const cls = first.chars.length === 1 ? charClass(first.chars[0]!.charCodeAt(0)) : CharClass.Other;
    const single = (tk: Tok, _c: number) => {
      if (tk.chars.length !== 1) return false;
      const cc = charClass(tk.chars[0]!.charCodeAt(0));
      return cc === CharClass.Letter || cc === CharClass.Digit;
    };
    if ((cls === CharClass.Letter || cls === CharClass.Digit) && single(first, cls)) {
      let m = k + 1;
      while (m < toks.length && single(toks[m]!, cls)) m++;
      const need = 3;
      if (m - k >= need) {
        const tok: Tok = { chars: [], src: [], flags: [], softAt: new Set(), hashtag: false };
        for (let q = k; q < m; q++) {
          tok.chars.push(toks[q]!.chars[0]!);
          tok.src.push(toks[q]!.src[0]!);
          tok.flags.push(F_SEPARATOR);
        }
        joined.push(tok);
        k = m;
        continue;
      }
    }
    joined.push(first);
    k++;
  }

  // 3. per token: digits/symbols and look-alike letters, then repeated letters
  const conf = confusables();
  for (const tok of joined) {
    let ascii = false;
    let digits = false;
    let foreign = 0;
    let foreignMappable = 0;
    for (const ch of tok.chars) {
      const c = ch.charCodeAt(0);
      if (c >= 0x61 && c <= 0x7a) ascii = true;
      else if ((c >= 0x30 && c <= 0x39) || c === 0x24) digits = true;
      else if (c > 0x7f && charClass(c) === CharClass.Letter) {
        foreign++;
        if (conf.has(ch)) foreignMappable++;
      }
    }
    const mapDigits = digits && (ascii || foreignMappable > 0);
    const mapForeign = foreignMappable > 0 && (ascii || foreignMappable === foreign);
    if (mapDigits || mapForeign) {
      const chars: string[] = [];
      const src: number[] = [];
      const flags: number[] = [];
      const softAt = new Set<number>();
      tok.chars.forEach((ch, k) => {
        if (tok.softAt.has(k)) softAt.add(chars.length);
        const sub = (mapDigits ? DIGIT_LETTER[ch] : undefined) ?? (mapForeign ? conf.get(ch) : undefined);
        if (sub !== undefined) {
          for (const s of sub) { chars.push(s); src.push(tok.src[k]!); flags.push(tok.flags[k]! | F_LOOKALIKE); }
        } else {
          chars.push(ch); src.push(tok.src[k]!); flags.push(tok.flags[k]!);
        }
      });
      tok.chars = chars; tok.src = src; tok.flags = flags; tok.softAt = softAt;
    }
    // squeeze runs of one letter to one (ivoooory -> ivory; the lexicon patterns are squeezed the same way)
    const chars: string[] = [];
    const src: number[] = [];
    const flags: number[] = [];
    const softAt = new Set<number>();
    tok.chars.forEach((ch, k) => {
      if (tok.softAt.has(k)) softAt.add(chars.length);
      const last = chars.length - 1;
      if (last >= 0 && chars[last] === ch && charClass(ch.charCodeAt(0)) === CharClass.Letter && !tok.softAt.has(k)) {
        flags[last] = flags[last]! | F_REPEAT | tok.flags[k]!;
        return;
      }
      chars.push(ch); src.push(tok.src[k]!); flags.push(tok.flags[k]!);
    });
    tok.chars = chars; tok.src = src; tok.flags = flags; tok.softAt = softAt;
  }

  // 4. assemble, one space between tokens
  let len = 0;
  for (const tok of joined) len += tok.chars.length + 1;
  const source = new Int32Array(len);
  const flags = new Uint8Array(len);
  const soft = new Uint8Array(len + 1);
  let text = '';
  let p = 0;
  for (const tok of joined) {
    if (p > 0) { text += ' '; source[p] = tok.src[0]!; p++; }
    for (let k = 0; k < tok.chars.length; k++) {
      text += tok.chars[k]!;
      source[p] = tok.src[k]!;
      flags[p] = tok.flags[k]!;
      if (k > 0 && (tok.hashtag || tok.softAt.has(k))) soft[p] = 1;
      p++;
    }
  }
  return { text, source: source.subarray(0, p), flags: flags.subarray(0, p), soft: soft.subarray(0, p + 1) };
}

/** A lexicon term as the de-obfuscated text would show it: letter runs squeezed. */
export function squeeze(s: string): string {
  let out = '';
  for (const ch of s) {
    if (out.length > 0 && out[out.length - 1] === ch && charClass(ch.charCodeAt(0)) === CharClass.Letter) continue;
    out += ch;
  }
  return out;
}
