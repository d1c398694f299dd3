/**
 * Scraped text as a terminal may show it: C0/C1 controls as \xHH, bidi
 * controls as \uHHHH (see core/display.ts for display width). Pure, and
 * without dependencies, so the CLI can load it at start-up.
 */

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
