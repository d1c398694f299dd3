/** Output format names, and the format a file name asks for (no writer code: the CLI reads this at start-up). */
export type OutputFormat = 'table' | 'jsonl' | 'json' | 'csv';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'jsonl', 'json', 'csv'];

export function formatOfName(file: string): OutputFormat | undefined {
  const m = /\.(csv|json|jsonl|ndjson)$/i.exec(file);
  if (!m) return undefined;
  const ext = m[1]!.toLowerCase();
  return ext === 'ndjson' ? 'jsonl' : (ext as OutputFormat);
}

/** How --by field:month and field:year read dates (stats, report). */
export type DateFormat = 'iso' | 'dmy' | 'mdy' | 'epoch' | 'epoch-ms';
export const DATE_FORMATS: readonly DateFormat[] = ['iso', 'dmy', 'mdy', 'epoch', 'epoch-ms'];
