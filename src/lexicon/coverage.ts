/** Which products have terms in which languages. Pure. */
import { EVIDENCE_KINDS, type Lexicon } from '../core/types.js';

/** Languages shown as columns even when no term uses them, so holes show. */
export const COVERAGE_LANGUAGES = ['en', 'zh', 'zh-Hant', 'vi', 'id', 'ms', 'th', 'es', 'pt', 'fr', 'de', 'la'];

export interface Coverage {
  products: string[];
  languages: string[];
  /** terms[product][language] = number of terms in product, species and code_word entries */
  terms: Record<string, Record<string, number>>;
}

export function coverage(lexicons: readonly Lexicon[]): Coverage {
  const terms: Record<string, Record<string, number>> = {};
  const langs = new Set<string>(COVERAGE_LANGUAGES);
  for (const lex of lexicons) {
    for (const e of lex.entries) {
      if (!EVIDENCE_KINDS.has(e.kind) || e.product === 'any') continue;
      const row = (terms[e.product] ??= {});
      for (const [lang, list] of Object.entries(e.terms)) {
        if (lang === 'any') continue;
        langs.add(lang);
        row[lang] = (row[lang] ?? 0) + list.length;
      }
    }
  }
  const extra = [...langs].filter((l) => !COVERAGE_LANGUAGES.includes(l)).sort();
  return { products: Object.keys(terms).sort(), languages: [...COVERAGE_LANGUAGES, ...extra], terms };
}

/** Languages (other than scientific names) in which a product has terms. */
export function languagesOf(c: Coverage, product: string): string[] {
  return Object.keys(c.terms[product] ?? {}).filter((l) => l !== 'la' && (c.terms[product]?.[l] ?? 0) > 0);
}
