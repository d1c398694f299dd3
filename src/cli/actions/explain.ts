/** `wildsift explain`: one text, every hit and its contribution. */
import { Scorer } from '../../core/scorer.js';
import { loadLexicons } from '../../lexicon/load.js';
import type { CliContext, Outcome } from '../context.js';
import { lexiconsOf, type LexiconFlags } from '../options.js';
import { explainJson, explainLines } from '../render/explain.js';

export interface ExplainFlags extends LexiconFlags {
  format: 'text' | 'json';
  threshold: number;
  color: boolean;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(parts).toString('utf8');
}

export async function runExplain(words: string[], flags: ExplainFlags, ctx: CliContext): Promise<Outcome> {
  const text = words.length === 0 || (words.length === 1 && words[0] === '-') ? await readAll(ctx.io.stdin) : words.join(' ');
  const scorer = new Scorer(loadLexicons(lexiconsOf(flags)));
  const result = scorer.scoreText(text.replace(/\n$/, ''));
  ctx.io.stdout.write(flags.format === 'json' ? explainJson(text, result, flags.threshold) : explainLines(result, scorer.options.scale, flags.threshold, ctx.chalk('stdout', flags.color)));
  return 'ok';
}
