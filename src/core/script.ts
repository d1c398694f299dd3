/**
 * Traditional -> Simplified Chinese, character by character, from OpenCC's
 * tables (opencc-js): Taiwan and Hong Kong variants to standard Traditional,
 * then Traditional to Simplified. One character maps to one character, so
 * offsets are kept. Pure; the table is built on first use.
 */
import tsCharacters from 'opencc-js/dict/TSCharacters';
import twVariantsRev from 'opencc-js/dict/TWVariantsRev';
import hkVariantsRev from 'opencc-js/dict/HKVariantsRev';

let table: Map<string, string> | undefined;

function load(dict: string, into: Map<string, string>): void {
  for (const pair of dict.split('|')) {
    const sp = pair.indexOf(' ');
    if (sp < 0) continue;
    const from = pair.slice(0, sp);
    const to = pair.slice(sp + 1).split(' ')[0]!;
    // only single code point to single code point, so offsets stay put
    if ([...from].length !== 1 || [...to].length !== 1) continue;
    into.set(from, into.get(to) ?? to);
  }
}

function build(): Map<string, string> {
  const variants = new Map<string, string>();
  load(twVariantsRev, variants);
  load(hkVariantsRev, variants);
  const ts = new Map<string, string>();
  load(tsCharacters, ts);
  const out = new Map<string, string>(ts);
  for (const [variant, standard] of variants) out.set(variant, ts.get(standard) ?? standard);
  return out;
}

/** Simplified form of one character (the character itself when it has none). */
export function toSimplified(ch: string): string {
  table ??= build();
  return table.get(ch) ?? ch;
}

/** Simplified form of a string, character by character. */
export function simplify(s: string): string {
  let out = '';
  for (const ch of s) out += toSimplified(ch);
  return out;
}
