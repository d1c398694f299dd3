/**
 * Scraped text as it is shown to a person (terminal output, messages on
 * stderr, the HTML report). Pure.
 *
 * Control characters in data are shown as escapes, so that a listing can
 * never move the cursor, clear the screen, set the window title (OSC), ring
 * the bell, overwrite a line (\r, \b) or reorder the text around it:
 *   - C0 controls U+0000-001F, DEL U+007F and C1 controls U+0080-009F as
 *     `\xHH` (ESC is `\x1b`, the one-byte CSI `\x9b`, a tab `\x09`);
 *   - the bidi embedding, override and isolate controls U+202A-202E and
 *     U+2066-2069 as `\uHHHH` (RIGHT-TO-LEFT OVERRIDE is `\u202e`).
 * Backslashes are left as they are: this is a view, not an encoding (the
 * JSON, JSONL and CSV outputs carry the exact text).
 *
 * Widths are terminal columns (string-width: East Asian wide characters and
 * emoji count 2, combining marks 0, colour codes 0), cut at grapheme
 * clusters so that no character is split.
 */
import { printable } from './printable.js';
export { printable };

let stringWidth: ((text: string) => number) | undefined;
/**
 * Loads string-width (15 ms at start-up, for its Unicode tables): awaited
 * before anything is measured (the table writer, the eval and stats renderers),
 * so that runs writing JSON Lines or CSV never pay for it.
 */
export async function loadDisplayWidths(): Promise<void> {
  stringWidth ??= (await import('string-width')).default;
}
function widthOf(text: string): number {
  if (stringWidth === undefined) throw new Error('display widths are not loaded: await loadDisplayWidths() first');
  return stringWidth(text);
}

const PLAIN = /^[\x20-\x7e]*$/;

/** Terminal columns that `text` takes; colour codes count 0. Measure printable text only. */
export function displayWidth(text: string): number {
  return PLAIN.test(text) ? text.length : widthOf(text);
}

/** Made when first needed: creating it costs several milliseconds at start-up. */
let segmenter: Intl.Segmenter | undefined;

/** One grapheme cluster shown printable, its width in columns and its offset in code points. */
export interface Cell {
  text: string;
  width: number;
  /** offset of its first code point in the original text */
  start: number;
}

/** Widths of clusters seen, a memo (most text repeats its letters; measuring one takes the library microseconds). */
const widths = new Map<string, number>();

function clusterWidth(shown: string): number {
  // printable ASCII is one column
  if (shown.length === 1 && shown >= ' ' && shown <= '~') return 1;
  let w = widths.get(shown);
  if (w === undefined) {
    if (widths.size >= 4096) widths.clear();
    w = widthOf(shown);
    widths.set(shown, w);
  }
  return w;
}

/**
 * The grapheme clusters of `text`, one at a time, each shown printable
 * (controls are clusters of their own). A printable ASCII character between
 * two ASCII characters is a cluster of its own (nothing in ASCII joins a
 * cluster), so only the runs around other characters go through
 * Intl.Segmenter. Measured writing 22,201 table rows (the sample listings
 * repeated, 120 columns, best of 3, a loaded 2-core machine): every cluster
 * through the segmenter 3.3 s, this 1.0-1.2 s, the code-point table before
 * (which did not measure width) 0.63 s; scoring those rows takes about 10 s.
 */
export function* eachCell(text: string): Generator<Cell> {
  const n = text.length;
  const ascii = (k: number) => k < 0 || k >= n || text.charCodeAt(k) < 0x80;
  const alone = (k: number) => { const c = text.charCodeAt(k); return c >= 0x20 && c <= 0x7e && ascii(k - 1) && ascii(k + 1); };
  let cp = 0;
  for (let i = 0; i < n; ) {
    if (alone(i)) {
      yield { text: text[i]!, width: 1, start: cp++ };
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !alone(j)) j++;
    segmenter ??= new Intl.Segmenter();
    for (const { segment } of segmenter.segment(text.slice(i, j))) {
      const shown = printable(segment);
      yield { text: shown, width: clusterWidth(shown), start: cp };
      cp += segment.length === 1 ? 1 : Array.from(segment).length;
    }
    i = j;
  }
}

/** The grapheme clusters of `text`, each shown printable. */
export function cells(text: string): Cell[] {
  return Array.from(eachCell(text));
}

/** `text` shown printable and cut to at most `width` columns, and the columns it takes. */
function cutWidth(text: string, width: number): [string, number] {
  const shown = printable(text);
  const all = displayWidth(shown);
  if (all <= width) return [shown, all];
  if (width <= 0) return ['', 0];
  let out = '';
  let w = 0;
  for (const c of eachCell(shown)) {
    if (w + c.width > width - 1) break;
    out += c.text;
    w += c.width;
  }
  return [out + '…', w + 1];
}

/** `text` shown printable and cut to at most `width` columns, with '…' where it was cut. */
export function cut(text: string, width: number): string {
  return cutWidth(text, width)[0];
}

/** `text` shown printable, cut to `width` columns and padded with spaces to exactly that width. */
export function fit(text: string, width: number): string {
  const [s, w] = cutWidth(text, width);
  return s + ' '.repeat(Math.max(0, width - w));
}

/** `text` (already printable, may hold colour codes) padded with spaces at the end to `width` columns. */
export function padEndTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
