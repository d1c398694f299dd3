/**
 * Text normalization with an offset map back to the original string.
 *
 * Pure: no I/O, no process globals. The normalized text is what the matcher
 * scans; `starts`/`ends` let every hit report its span in the original field.
 *
 * Steps, per grapheme-ish cluster (a code point plus the combining marks that
 * follow it): NFKC (full-width to half-width, compatibility forms), lower-case,
 * then, when folding, diacritics removed (NFD minus marks), a few letters
 * that do not decompose (đ, ø, ł, ß, æ, œ) mapped to ASCII, and Traditional
 * Chinese characters mapped to Simplified (OpenCC tables). Zero-width and
 * formatting characters are removed; whitespace, punctuation and control
 * characters become one space; runs of spaces collapse.
 */
import { Buffer } from 'node:buffer';
import { toSimplified } from './script.js';

export interface Normalized {
  /** normalized text used for matching */
  readonly text: string;
  /** starts[i]: UTF-16 offset in the original where normalized char i comes from */
  readonly starts: Int32Array;
  /** ends[i]: UTF-16 offset in the original just after the source of normalized char i */
  readonly ends: Int32Array;
  /**
   * Whether the text shows a sign of keyword evasion worth a second look
   * (deobfuscate.ts): letters mixed with digits or another script's letters,
   * a letter three times in a row, three single characters in a row, CJK
   * characters split by a space, an emoji inside a word, a hashtag or a
   * camelCase word. Most listings show none and skip the second pass.
   */
  readonly suspicious: boolean;
}

export interface NormalizeOptions {
  /**
   * true (default): fold diacritics, special letters and Traditional Chinese
   * to Simplified; 'diacritics': fold diacritics and special letters only;
   * false: neither (case and Unicode compatibility forms are always folded).
   */
  fold?: boolean | 'diacritics';
}

/** 0: no folding, 1: diacritics, 2: diacritics and script */
type Mode = 0 | 1 | 2;
function modeOf(o: NormalizeOptions): Mode {
  return o.fold === false ? 0 : o.fold === 'diacritics' ? 1 : 2;
}

const SPACE = 0x20;

/** Letters that NFD does not decompose but readers treat as accented ASCII. */
const SPECIAL_FOLD: Record<string, string> = {
  'đ': 'd', 'ð': 'd', 'ø': 'o', 'ł': 'l', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ı': 'i', 'ħ': 'h', 'þ': 'th',
};

const RE_MARK = /\p{M}/u;
const RE_SEPARATOR = /[\p{Z}\p{P}\p{Cc}]/u;
const RE_REMOVED = /[\p{Cf}\p{Cs}\p{Co}\p{Cn}\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;

/** ASCII class: 0 = separator, 1 = keep as is, 2 = upper-case letter. */
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  // '$' and '@' are kept: currency, and letters in disguise ($hark, m@rfil)
  if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || c === 0x24 || c === 0x40) ASCII[c] = 1;
  else if (c >= 0x41 && c <= 0x5a) ASCII[c] = 2;
}

/** Caches of cluster -> normalized cluster ("" = removed, " " = separator), per mode. */
const caches = [new Map<string, string>(), new Map<string, string>(), new Map<string, string>()] as const;
const CACHE_LIMIT = 50_000;

function normalizeCluster(cluster: string, mode: Mode): string {
  const cache = caches[mode];
  const fold = mode !== 0;
  const hit = cache.get(cluster);
  if (hit !== undefined) return hit;
  let s = cluster.normalize('NFKC').toLowerCase();
  if (fold) s = s.normalize('NFD');
  let out = '';
  for (const ch of s) {
    if (RE_REMOVED.test(ch)) continue;
    if (RE_MARK.test(ch)) {
      if (fold) continue;
      out += ch;
      continue;
    }
    const code = ch.charCodeAt(0);
    if (code < 0x80) {
      // ASCII produced by NFKC or folding follows the ASCII rules (so the result is idempotent)
      out += ASCII[code] === 0 ? ' ' : ch;
      continue;
    }
    if (RE_SEPARATOR.test(ch)) {
      out += ' ';
      continue;
    }
    out += fold ? (SPECIAL_FOLD[ch] ?? (mode === 2 && code >= 0x3400 ? toSimplified(ch) : ch)) : ch;
  }
  if (!fold) out = out.normalize('NFC');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cluster, out);
  return out;
}

/** Separators sellers put between the characters of a word (i.v.o.r.y, 象-牙), unlike list and sentence punctuation. */
const EVASIVE_ASCII = new Uint8Array(128);
for (const ch of ' \t.-_*~\'"`^=+|') EVASIVE_ASCII[ch.charCodeAt(0)] = 1;
const EVASIVE_WIDE = /^[\s·•・\u2010-\u2015\u3000]+$/u;

/** ASCII kinds for evasion signs: 0 other, 1 digit, '$' or '@', 2 letter. */
const KIND = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) KIND[c] = 1;
KIND[0x24] = 1;
KIND[0x40] = 1;
for (let c = 0x61; c <= 0x7a; c++) KIND[c] = 2;

function isMarkCode(c: number): boolean {
  // fast reject for the common ranges; exact test for the rest
  if (c < 0x300) return false;
  if (c <= 0x36f) return true;
  if (c >= 0x3000 && c < 0xfe00) return (c >= 0x3099 && c <= 0x309a) || false;
  return RE_MARK.test(String.fromCharCode(c));
}


const views = new WeakMap<ArrayBufferLike, Buffer>();

/** A string from the first n code units of a buffer (Buffer's UTF-16 decoder is the fastest here). */
export function decodeUtf16(buf: Uint16Array, n: number): string {
  if (n === 0) return '';
  let view = views.get(buf.buffer);
  if (view === undefined) {
    view = Buffer.from(buf.buffer, 0, buf.buffer.byteLength);
    views.set(buf.buffer, view);
  }
  return view.toString('utf16le', buf.byteOffset, buf.byteOffset + n * 2);
}

class Builder {
  buf = new Uint16Array(1024);
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  n = 0;
  reset(cap: number): void {
    this.n = 0;
    this.suspicious = false;
    this.tokLen = 0;
    this.singles = 0;
    if (this.buf.length < cap) {
      const size = Math.max(cap, this.buf.length * 2);
      this.buf = new Uint16Array(size);
      this.starts = new Int32Array(size);
      this.ends = new Int32Array(size);
    }
  }
  private grow(): void {
    const cap = this.buf.length * 2 + 16;
    const b = new Uint16Array(cap); b.set(this.buf); this.buf = b;
    const s = new Int32Array(cap); s.set(this.starts); this.starts = s;
    const e = new Int32Array(cap); e.set(this.ends); this.ends = e;
  }
  suspicious = false;
  private tokLen = 0;
  private singles = 0;
  /** whether every character of the current run of separators is one sellers put inside words */
  private gapEvasive = true;
  push(code: number, start: number, end: number, evasive = true): void {
    const n = this.n;
    if (code === SPACE) {
      // collapse runs, no leading space
      if (n === 0 || this.buf[n - 1] === SPACE) { this.gapEvasive &&= evasive; return; }
      this.gapEvasive = evasive;
      if (this.tokLen === 1) { if (++this.singles >= 3) this.suspicious = true; } else this.singles = 0;
      this.tokLen = 0;
    } else {
      if (!this.suspicious && n > 0) this.watch(code, n);
      this.tokLen++;
    }
    if (n >= this.buf.length) this.grow();
    this.buf[this.n] = code;
    this.starts[this.n] = start;
    this.ends[this.n] = end;
    this.n++;
  }
  /** Signs of evasion at the character about to be written at n (see Normalized.suspicious). */
  private watch(code: number, n: number): void {
    const buf = this.buf;
    const prev = buf[n - 1]!;
    if (prev === SPACE) {
      // CJK split by a space: 象 牙
      if (this.gapEvasive && code >= 0x0e00 && n > 1 && charClass(code) === CharClass.NoSpace && charClass(buf[n - 2]!) === CharClass.NoSpace) this.suspicious = true;
      return;
    }
    if (code < 0x80 && prev < 0x80) {
      const k = KIND[code]!;
      const pk = KIND[prev]!;
      if (k !== pk) this.suspicious = true; // 1v0ry, $hark
      else if (k === 2 && code === prev && n > 1 && buf[n - 2] === code) this.suspicious = true; // ivoooory
      return;
    }
    const cls = charClass(code);
    const pcls = charClass(prev);
    if (cls === CharClass.NoSpace || pcls === CharClass.NoSpace) return;
    // Latin next to a letter of another script (іvory), or a letter after an emoji inside a word (i🐘v)
    if (cls === CharClass.Letter && pcls === CharClass.Letter && (code < 0x80) !== (prev < 0x80)) this.suspicious = true;
    else if (cls !== CharClass.Other && pcls === CharClass.Other) {
      const before = prev >= 0xdc00 && prev <= 0xdfff ? n - 3 : n - 2; // skip both halves of an emoji
      if (before >= 0 && buf[before] !== SPACE && charClass(buf[before]!) !== CharClass.Other) this.suspicious = true;
    }
  }
  /** Views into the shared buffers: valid until the next normalization. */
  finish(): Normalized {
    let n = this.n;
    if (this.tokLen === 1 && this.singles + 1 >= 3) this.suspicious = true;
    if (n > 0 && this.buf[n - 1] === SPACE) n--;
    const text = decodeUtf16(this.buf, n);
    return { text, starts: this.starts.subarray(0, n), ends: this.ends.subarray(0, n), suspicious: this.suspicious };
  }
}

/** One builder for normalizeTransient, another for everything else, so that
 * normalizeText can run while a transient result is still in use. */
const transient = new Builder();
const scratch = new Builder();

function run(input: string, mode: Mode, b: Builder = scratch): Normalized {
  const len = input.length;
  b.reset(len + 8);
  let i = 0;
  while (i < len) {
    const c = input.charCodeAt(i);
    if (c < 0x80) {
      const k = ASCII[c]!;
      // hashtags and camelCase words
      if (c === 0x23 || (k === 2 && i > 0 && input.charCodeAt(i - 1) >= 0x61 && input.charCodeAt(i - 1) <= 0x7a)) b.suspicious = true;
      // an ASCII letter followed by a combining mark must go the slow way
      const next = i + 1 < len ? input.charCodeAt(i + 1) : 0;
      if (next < 0x300 || !isMarkCode(next)) {
        if (k === 1) b.push(c, i, i + 1);
        else if (k === 2) b.push(c + 32, i, i + 1);
        else b.push(SPACE, i, i + 1, EVASIVE_ASCII[c] === 1);
        i++;
        continue;
      }
    }
    // slow path: one code point plus following combining marks
    let j = i + (c >= 0xd800 && c <= 0xdbff && i + 1 < len ? 2 : 1);
    while (j < len) {
      const d = input.charCodeAt(j);
      if (d >= 0xd800 && d <= 0xdbff && j + 1 < len) {
        const cp = input.codePointAt(j)!;
        if (cp >= 0xe0100 && cp <= 0xe01ef) { j += 2; continue; } // variation selectors supplement
        break;
      }
      if (isMarkCode(d) || (d >= 0xfe00 && d <= 0xfe0f)) { j++; continue; }
      break;
    }
    const cluster = input.slice(i, j);
    const out = normalizeCluster(cluster, mode);
    if (out === ' ') b.push(SPACE, i, j, EVASIVE_WIDE.test(cluster));
    else for (let k = 0; k < out.length; k++) b.push(out.charCodeAt(k), i, j);
    i = j;
  }
  return b.finish();
}

/** Normalize `input` for matching. Never throws; linear in input length. */
export function normalize(input: string, options: NormalizeOptions = {}): Normalized {
  const r = run(input, modeOf(options));
  return { text: r.text, starts: r.starts.slice(), ends: r.ends.slice(), suspicious: r.suspicious };
}

/**
 * Like normalize, but the offset arrays are views into buffers that the next
 * call overwrites: for callers that use them at once (the matcher).
 */
export function normalizeTransient(input: string, options: NormalizeOptions = {}): Normalized {
  return run(input, modeOf(options), transient);
}

/** Normalized text only, for lexicon terms and comparisons. */
export function normalizeText(input: string, options: NormalizeOptions = {}): string {
  return run(input, modeOf(options)).text;
}

/** Character classes of normalized text, used for word boundaries. */
export const CharClass = {
  /** spaces, symbols, emoji: never part of a word */
  Other: 0,
  /** letters (and marks) of scripts written with spaces between words */
  Letter: 1,
  /** digits: a word boundary lies between a digit and a letter ("1.2kg", "5tr") */
  Digit: 2,
  /** scripts written without spaces (Han, kana, Thai, Lao, Khmer, Myanmar): matched as substrings */
  NoSpace: 3,
} as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

const classCache = new Uint8Array(65536); // 0 = unknown, else class + 1
const RE_LETTER = /[\p{L}\p{M}]/u;
const RE_DIGIT = /\p{N}/u;
const RE_NOSPACE = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\p{sc=Tibetan}]/u;

/** Class of one UTF-16 code unit of normalized text. */
export function charClass(code: number): CharClass {
  if (code < 0x80) {
    if (code >= 0x30 && code <= 0x39) return CharClass.Digit;
    return ASCII[code] !== 0 && code !== 0x24 && code !== 0x40 ? CharClass.Letter : CharClass.Other;
  }
  const cached = classCache[code]!;
  if (cached !== 0) return (cached - 1) as CharClass;
  let cls: CharClass;
  if (code >= 0xd840 && code <= 0xd87f) cls = CharClass.NoSpace; // high surrogates of CJK extensions B-F
  else if (code >= 0xd800 && code <= 0xdfff) cls = CharClass.Other;
  else {
    const ch = String.fromCharCode(code);
    if (RE_NOSPACE.test(ch)) cls = CharClass.NoSpace;
    else if (RE_DIGIT.test(ch)) cls = CharClass.Digit;
    else if (RE_LETTER.test(ch)) cls = CharClass.Letter;
    else cls = CharClass.Other;
  }
  classCache[code] = cls + 1;
  return cls;
}
