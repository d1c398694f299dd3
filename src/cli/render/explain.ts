/** `explain` output: JSON, or the core's plain-text explanation with the verdict. */
import type { ChalkInstance } from 'chalk';
import { explainText, hitRecord, round } from '../../core/explain.js';
import { listingScore } from '../../core/listing.js';
import type { ScoreResult } from '../../core/score.js';
import { printable } from '../../core/printable.js';

export function explainJson(text: string, result: ScoreResult, threshold: number): string {
  const score = listingScore(result);
  return JSON.stringify({
    text,
    score,
    raw: round(result.raw, 3),
    level: result.level,
    flagged: score >= threshold,
    threshold,
    products: result.candidates.map((p) => ({
      product: p.product,
      score: round(p.score),
      raw: round(p.raw, 3),
      corroborated: p.corroborated,
      parts: Object.fromEntries(Object.entries(p.parts).map(([k, v]) => [k, round(v, 3)])),
    })),
    hits: result.hits.map(hitRecord),
  }) + '\n';
}

export function explainLines(result: ScoreResult, scale: number, threshold: number, c: ChalkInstance): string {
  // matches and terms come from the text and the lexicons: controls shown as escapes, before colouring
  const lines = explainText(result, scale).map((l) => printable(l)).map((l) => (l.startsWith('score =') ? c.bold(l) : l));
  lines.push(`${listingScore(result) >= threshold ? c.red.bold('flagged') : 'not flagged'} at threshold ${threshold}`);
  return lines.join('\n') + '\n';
}
