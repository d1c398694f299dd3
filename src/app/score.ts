/**
 * Application layer of `wildsift score`: records in, scored listings out.
 * No process globals; streams and callbacks come from the caller.
 */
import type { Scorer } from '../core/scorer.js';
import type { ScoreResult } from '../core/score.js';
import type { FieldText } from '../core/matcher.js';
import { getPath, planFields, textOf, type FieldPlan, type Row } from '../input/fields.js';
import { readRecords, type InputRecord, type InputSpec, type Reject, type Warning } from '../input/read.js';
import type { InputFormat } from '../input/detect.js';

/** How to read inputs: shared by score, eval and diff. */
export interface InputOptions {
  format?: InputFormat;
  delimiter?: string;
  text?: string[];
  id?: string;
  encoding?: string;
  maxFieldSize?: number;
  onReject: (r: Reject) => void;
  onWarning: (w: Warning) => void;
  onBroken?: (source: string, message: string) => void;
}

export interface ScoreInputsOptions extends InputOptions {
  scorer: Scorer;
  /** which original fields to keep: all, none, or a list */
  keep: 'all' | 'none' | string[];
}

export type { FieldPlan };

export interface ScoredListing {
  /** position over all inputs, for stable ranking */
  order: number;
  source: string;
  row: number;
  id: string;
  result: ScoreResult;
  /** the scored text fields (for excerpts) */
  texts: FieldText[];
  /** the original fields kept for output */
  fields: Row;
}

function keepFields(data: Row, keep: ScoreInputsOptions['keep']): Row {
  if (keep === 'all') return data;
  const out: Row = {};
  if (keep === 'none') return out;
  for (const k of keep) {
    const v = getPath(data, k);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** Scores one record with a field plan decided from the first record of its input. */
export function scoreRecord(scorer: Scorer, rec: { source: string; row: number; data: Row }, plan: FieldPlan, keep: ScoreInputsOptions['keep'], order: number): ScoredListing {
  const fields = plan.text.map((name) => ({ name, text: textOf(getPath(rec.data, name)) }));
  const idValue = plan.id === undefined ? undefined : getPath(rec.data, plan.id);
  const id = idValue === undefined || idValue === null || idValue === '' ? String(rec.row) : String(idValue);
  return { order, source: rec.source, row: rec.row, id, result: scorer.score(fields), texts: fields, fields: keepFields(rec.data, keep) };
}

/** Records of every input, in input order, each with the field plan of its input. */
export async function* planRecords(
  inputs: readonly InputSpec[],
  opts: InputOptions & { onBytes?: (n: number) => void },
): AsyncGenerator<{ rec: InputRecord; plan: FieldPlan }> {
  for (const input of inputs) {
    let plan: FieldPlan | undefined;
    for await (const rec of readRecords(input, {
      ...(opts.format ? { format: opts.format } : {}),
      ...(opts.delimiter ? { delimiter: opts.delimiter } : {}),
      onReject: opts.onReject,
      onWarning: opts.onWarning,
      ...(opts.onBytes ? { onBytes: opts.onBytes } : {}),
      ...(opts.encoding ? { encoding: opts.encoding } : {}),
      ...(opts.maxFieldSize ? { maxFieldSize: opts.maxFieldSize } : {}),
      ...(opts.onBroken ? { onBroken: opts.onBroken } : {}),
    })) {
      plan ??= planFields(rec.data, input.name, opts.text, opts.id);
      yield { rec, plan };
    }
  }
}

/** Scores every record of every input, in input order. */
export async function* scoreInputs(inputs: readonly InputSpec[], opts: ScoreInputsOptions): AsyncGenerator<ScoredListing> {
  let order = 0;
  for await (const { rec, plan } of planRecords(inputs, opts)) yield scoreRecord(opts.scorer, rec, plan, opts.keep, order++);
}

/** Ranking order: score descending, ties in input order. */
export function byRank(a: ScoredListing, b: ScoredListing): number {
  return b.result.score - a.result.score || a.order - b.order;
}

/** Just the input options of a larger options object. */
export function inputOptionsOf(o: InputOptions): InputOptions {
  return {
    ...(o.format ? { format: o.format } : {}),
    ...(o.delimiter ? { delimiter: o.delimiter } : {}),
    ...(o.text ? { text: o.text } : {}),
    ...(o.id ? { id: o.id } : {}),
    ...(o.encoding ? { encoding: o.encoding } : {}),
    ...(o.maxFieldSize ? { maxFieldSize: o.maxFieldSize } : {}),
    onReject: o.onReject,
    onWarning: o.onWarning,
    ...(o.onBroken ? { onBroken: o.onBroken } : {}),
  };
}

/** A listing's text fields on one line, cut to `max` characters. */
export function listingExcerpt(l: ScoredListing, max: number): string {
  const text = l.texts.map((t) => t.text).join(' | ').replace(/\s+/g, ' ');
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
