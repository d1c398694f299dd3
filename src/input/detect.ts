/** Input format detection from a file name or the first bytes. Pure. */

export type InputFormat = 'csv' | 'tsv' | 'json' | 'jsonl';
export const INPUT_FORMATS: readonly InputFormat[] = ['csv', 'tsv', 'json', 'jsonl'];

export function formatFromName(name: string): InputFormat | undefined {
  const m = /\.(csv|tsv|tab|json|jsonl|ndjson)$/i.exec(name);
  if (!m) return undefined;
  const ext = m[1]!.toLowerCase();
  if (ext === 'tab') return 'tsv';
  if (ext === 'ndjson') return 'jsonl';
  return ext as InputFormat;
}

/** Guesses the format from the start of the content. */
export function sniffFormat(head: string): InputFormat {
  const text = head.replace(/^\uFEFF/, '');
  const first = text.trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') {
    const start = text.indexOf('{');
    const nl = text.indexOf('\n', start);
    const line = nl < 0 ? text.slice(start) : text.slice(start, nl);
    try {
      JSON.parse(line);
      return 'jsonl';
    } catch {
      return 'json';
    }
  }
  return sniffDelimiter(text) === '\t' ? 'tsv' : 'csv';
}

const CANDIDATES = [',', ';', '\t', '|'];

/** The delimiter that occurs most often outside quotes on the header line. */
export function sniffDelimiter(head: string): string {
  const text = head.replace(/^\uFEFF/, '');
  const counts = new Map<string, number>(CANDIDATES.map((c) => [c, 0]));
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let bestCount = 0;
  for (const c of CANDIDATES) {
    const n = counts.get(c)!;
    if (n > bestCount) { best = c; bestCount = n; }
  }
  return best;
}
