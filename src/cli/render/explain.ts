/** `explain` output: JSON, or the core's plain-text explanation with the verdict (and the model's, with --model). */
import type { ChalkInstance } from 'chalk';
import { explainText, hitRecord, round } from '../../core/explain.js';
import { listingScore } from '../../core/listing.js';
import type { Contribution, ModelOutcome } from '../../core/model.js';
import type { ScoreResult } from '../../core/score.js';
import { printable } from '../../core/printable.js';

/** What explain shows of a model's verdict. */
export interface ModelExplanation {
  file: string;
  id: string;
  outcome: ModelOutcome;
  calibration: { a: number; b: number };
  intercept: number;
}

/** Features shown for and against in the text explanation; the rest are summed on one line each. */
export const SHOWN_FEATURES = 12;

const signed = (x: number, d = 4) => `${x >= 0 ? '+' : ''}${x.toFixed(d)}`;

export function explainJson(text: string, result: ScoreResult, threshold: number, model?: ModelExplanation, bio?: string): string {
  const hand = listingScore(result);
  const score = model ? round(model.outcome.probability) : hand;
  return JSON.stringify({
    text,
    ...(bio !== undefined ? { bio } : {}),
    score,
    raw: round(result.raw, 3),
    level: model ? model.outcome.level : result.level,
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
    length: { tokens: result.length.tokens, factor: round(result.length.factor, 4) },
    ...(result.notKept !== undefined ? { hits_not_kept: result.notKept } : {}),
    ...(model
      ? {
          model: {
            file: model.file,
            id: model.id,
            hand_score: hand,
            logit: round(model.outcome.logit, 6),
            bias: round(model.outcome.bias, 6),
            parts: Object.fromEntries(Object.entries(model.outcome.parts).map(([k, v]) => [k, round(v, 6)])),
            features: model.outcome.contributions.map((c) => ({ feature: c.feature, value: round(c.value, 6), weight: round(c.weight, 6), contribution: round(c.contribution, 6) })),
          },
        }
      : {}),
  }) + '\n';
}

function modelLines(m: ModelExplanation, c: ChalkInstance): string[] {
  const o = m.outcome;
  const line = (x: Contribution) => `  ${signed(x.contribution).padStart(8)}  ${printable(x.feature)}  (value ${round(x.value, 4)} x weight ${round(x.weight, 4)})`;
  const pro = o.contributions.filter((x) => x.contribution > 0);
  const con = o.contributions.filter((x) => x.contribution < 0);
  const rest = (xs: Contribution[]) => xs.slice(SHOWN_FEATURES);
  const sum = (xs: Contribution[]) => xs.reduce((s, x) => s + x.contribution, 0);
  const lines = [
    c.bold(`model ${printable(m.file)} (${m.id}): contributions in log-odds, a·weight·value with calibration a = ${round(m.calibration.a, 4)}, b = ${round(m.calibration.b, 4)}`),
    `  ${signed(o.bias).padStart(8)}  bias (a·intercept + b)`,
    `  prior ${signed(o.parts.prior)}, lexicon ${signed(o.parts.lexicon)}, text ${signed(o.parts.text)}`,
    `strongest for (${pro.length}):`,
    ...pro.slice(0, SHOWN_FEATURES).map(line),
    ...(rest(pro).length > 0 ? [`  ${signed(sum(rest(pro))).padStart(8)}  ${rest(pro).length} more`] : []),
    `strongest against (${con.length}):`,
    ...con.slice(0, SHOWN_FEATURES).map(line),
    ...(rest(con).length > 0 ? [`  ${signed(sum(rest(con))).padStart(8)}  ${rest(con).length} more`] : []),
    c.bold(`logit ${signed(o.logit)} = bias + prior + lexicon + text -> score sigmoid(logit) = ${round(o.probability).toFixed(4)} (${o.level})`),
  ];
  return lines;
}

export function explainLines(result: ScoreResult, scale: number, threshold: number, c: ChalkInstance, model?: ModelExplanation): string {
  // matches and terms come from the text and the lexicons: controls shown as escapes, before colouring
  const lines = explainText(result, scale).map((l) => printable(l)).map((l) => (l.startsWith('score =') ? c.bold(l) : l));
  if (model) {
    lines[lines.length - 1] = `hand-weighted: ${lines[lines.length - 1]}`;
    lines.push(...modelLines(model, c));
  }
  const score = model ? round(model.outcome.probability) : listingScore(result);
  lines.push(`${score >= threshold ? c.red.bold('flagged') : 'not flagged'} at threshold ${threshold}`);
  return lines.join('\n') + '\n';
}
