/** `wildsift explain`: one text, every hit and its contribution (and with --model, every feature's). */
import { checkModelLexicons } from '../../lexicon/model.js';
import { hitsOf, ModelScorer } from '../../core/model.js';
import { Scorer } from '../../core/scorer.js';
import type { FieldText } from '../../core/matcher.js';
import { loadCompiledLexicons } from '../../lexicon/cache.js';
import type { CliContext, Outcome } from '../context.js';
import { lexiconsOf, scoringOf, type LexiconFlags, type ModelFlags } from '../options.js';
import { explainJson, explainLines, type ModelExplanation } from '../render/explain.js';

export interface ExplainFlags extends LexiconFlags, ModelFlags {
  format: 'text' | 'json';
  color: boolean;
  bio?: string;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(parts).toString('utf8');
}

export async function runExplain(words: string[], flags: ExplainFlags, ctx: CliContext): Promise<Outcome> {
  const text = words.length === 0 || (words.length === 1 && words[0] === '-') ? await readAll(ctx.io.stdin) : words.join(' ');
  const { model, threshold } = await scoringOf(flags.model, flags.threshold);
  const { lexicons, tables } = await loadCompiledLexicons(lexiconsOf(flags));
  if (model) checkModelLexicons(model.data, lexicons, model.file);
  const scorer = new Scorer(lexicons, {}, tables);
  const texts: FieldText[] = [{ name: 'text', text: text.replace(/\n$/, '') }];
  if (flags.bio !== undefined) texts.push({ name: 'bio', text: flags.bio, role: 'context' });
  const result = scorer.score(texts);
  let explained: ModelExplanation | undefined;
  if (model) {
    const m = new ModelScorer(model.data);
    const outcome = m.outcome(result, hitsOf(result), texts, Infinity);
    const names = m.bucketNames(texts);
    for (const c of outcome.contributions) if (c.bucket !== undefined) c.feature = `text:${(names.get(c.bucket) ?? [`#${c.bucket}`]).join(' | ')}`;
    explained = { file: model.file, id: m.id, outcome, calibration: model.data.calibration, intercept: model.data.intercept };
  }
  const c = ctx.chalk('stdout', flags.color);
  ctx.io.stdout.write(flags.format === 'json' ? explainJson(text, result, threshold, explained, flags.bio) : explainLines(result, scorer.options.scale, threshold, c, explained));
  return 'ok';
}
