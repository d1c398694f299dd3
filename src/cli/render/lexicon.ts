/** `lexicon list` coverage as a table for reading. */
import type { coverage } from '../../lexicon/coverage.js';

/** Terms per product (rows) and language (columns) in product, species and code-word entries; '·' marks a hole. */
export function coverageTable(cov: ReturnType<typeof coverage>, dim: (s: string) => string): string {
  const pw = Math.max(...cov.products.map((p) => p.length), 'product'.length);
  const cols = cov.languages.map((l) => Math.max(l.length, 3));
  let out = `${'product'.padEnd(pw)}  ${cov.languages.map((l, i) => l.padStart(cols[i]!)).join(' ')}  langs\n`;
  for (const p of cov.products) {
    const row = cov.terms[p] ?? {};
    const cells = cov.languages.map((l, i) => {
      const n = row[l] ?? 0;
      return n === 0 ? dim('·'.padStart(cols[i]!)) : String(n).padStart(cols[i]!);
    });
    const langs = Object.keys(row).filter((l) => l !== 'la').length;
    out += `${p.padEnd(pw)}  ${cells.join(' ')}  ${String(langs).padStart(5)}\n`;
  }
  return out;
}
