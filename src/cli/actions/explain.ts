/** Wires `wildsift explain`. */
import { Scorer } from '../../core/scorer.js';
import { explainText, hitRecord, round } from '../../core/explain.js';
import type { ExplainFlags } from '../commands/explain.js';
import type { CliIO } from '../io.js';
import { chalkFor, lexiconsFor, readAll } from './shared.js';

export async function runExplain(words: string[], flags: ExplainFlags, io: CliIO): Promise<number> {
  const text = words.length === 0 || (words.length === 1 && words[0] === '-') ? await readAll(io.stdin) : words.join(' ');
  const scorer = new Scorer(lexiconsFor(flags));
  const result = scorer.scoreText(text.replace(/\n$/, ''));
  const flagged = result.score >= flags.threshold;
  if (flags.format === 'json') {
    io.stdout.write(
      JSON.stringify({
        text,
        score: round(result.score),
        raw: round(result.raw, 3),
        level: result.level,
        flagged,
        threshold: flags.threshold,
        products: result.candidates.map((p) => ({
          product: p.product,
          score: round(p.score),
          raw: round(p.raw, 3),
          corroborated: p.corroborated,
          parts: Object.fromEntries(Object.entries(p.parts).map(([k, v]) => [k, round(v, 3)])),
        })),
        hits: result.hits.map(hitRecord),
      }) + '\n',
    );
    return 0;
  }
  const c = chalkFor(io, 'stdout', flags.color);
  const lines = explainText(result, scorer.options.scale);
  io.stdout.write(lines.map((l) => (l.startsWith('score =') ? c.bold(l) : l)).join('\n') + '\n');
  io.stdout.write(`${flagged ? c.red.bold('flagged') : 'not flagged'} at threshold ${flags.threshold}\n`);
  return 0;
}
