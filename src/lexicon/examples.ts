/** Runs every entry's examples through the real scoring path. Pure. */
import { Scorer } from '../core/scorer.js';
import type { Lexicon } from '../core/types.js';

export interface ExampleFailure {
  entry: string;
  lexicon: string;
  file?: string;
  expected: 'match' | 'no_match';
  example: string;
  /** what happened: the entries that did hit */
  got: string[];
}

export function checkExamples(lexicons: readonly Lexicon[], scorer = new Scorer(lexicons)): { checked: number; failures: ExampleFailure[] } {
  const failures: ExampleFailure[] = [];
  let checked = 0;
  for (const lex of lexicons) {
    for (const e of lex.entries) {
      for (const [expected, list] of [['match', e.examples.match], ['no_match', e.examples.no_match]] as const) {
        for (const example of list) {
          checked++;
          const got = [...new Set(scorer.scoreText(example).hits.map((h) => h.hit.entry.id))];
          const hit = got.includes(e.id);
          if (hit !== (expected === 'match')) {
            failures.push({ entry: e.id, lexicon: lex.name, ...(lex.file ? { file: lex.file } : {}), expected, example, got });
          }
        }
      }
    }
  }
  return { checked, failures };
}
