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
import stringWidth from 'string-width';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/** The escape shown for one control character. */
function escapeOf(ch: string): string {
  const n = ch.charCodeAt(0);
  return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16)}`;
}

/**
 * `text` with every C0/C1 control and bidi control shown as an escape,
 * except the characters in `keep` (e.g. '\n' for multi-line messages).
 * Text without them is returned unchanged.
 */
export function printable(text: string, keep = ''): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROLS, (ch) => (keep.includes(ch) ? ch : escapeOf(ch)));
}

/** Terminal columns that `text` takes; colour codes count 0. Measure printable text only. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

const segmenter = new Intl.Segmenter();

/** One grapheme cluster shown printable, its width in columns and its offset in code points. */
export interface Cell {
  text: string;
  width: number;
  /** offset of its first code point in the original text */
  start: number;
}

/** The grapheme clusters of `text`, each shown printable (controls are clusters of their own). */
export function cells(text: string): Cell[] {
  const out: Cell[] = [];
  let cp = 0;
  for (const { segment } of segmenter.segment(text)) {
    const shown = printable(segment);
    // printable ASCII (most clusters of most text) is one column: no need to ask the library
    const width = shown.length === 1 && shown >= ' ' && shown <= '~' ? 1 : stringWidth(shown);
    out.push({ text: shown, width, start: cp });
    for (const _ of segment) cp++;
  }
  return out;
}

/** `text` shown printable and cut to at most `width` columns, with '…' where it was cut. */
export function cut(text: string, width: number): string {
  const shown = printable(text);
  if (stringWidth(shown) <= width) return shown;
  if (width <= 0) return '';
  let out = '';
  let w = 0;
  for (const c of cells(shown)) {
    if (w + c.width > width - 1) break;
    out += c.text;
    w += c.width;
  }
  return out + '…';
}

/** `text` shown printable, cut to `width` columns and padded with spaces to exactly that width. */
export function fit(text: string, width: number): string {
  const s = cut(text, width);
  return s + ' '.repeat(Math.max(0, width - stringWidth(s)));
}

/** `text` (already printable, may hold colour codes) padded with spaces at the end to `width` columns. */
export function padEndTo(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - stringWidth(text)));
}
