/**
 * `suggest` as a library function: score the inputs (or read them scored),
 * take the flagged listings' evidence as anchors, the other listings and any
 * background inputs as the background, and rank candidate terms
 * (core/suggest.ts).
 */
import { EVIDENCE_KINDS, type Kind } from '../core/types.js';
import { UsageError } from '../core/errors.js';
import { suggestTerms, type SuggestDoc, type SuggestOptions, type Suggestion } from '../core/suggest.js';
import type { InputSpec } from '../input/read.js';
import type { InputLog } from './inputs.js';
import { scoredRecords, type RecordsRun, type ScoredRecord } from './records.js';

export interface SuggestRun extends RecordsRun {
  options: SuggestOptions;
}

export interface SuggestReport {
  foreground: number;
  background: number;
  suggestions: Suggestion[];
}

/** UTF-16 offset of a code-point offset in text. */
function utf16At(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
  }
  return i;
}

function docOf(r: ScoredRecord): SuggestDoc {
  const fields = r.texts.map((t) => {
    const hits = r.record.hits.filter((h) => h.field === t.name);
    const span = (h: (typeof hits)[number]) => ({ start16: utf16At(t.text, h.start), end16: utf16At(t.text, h.end) });
    return {
      text: t.text,
      anchors: hits.filter((h) => EVIDENCE_KINDS.has(h.kind as Kind) && h.contribution > 0).map((h) => ({ ...span(h), lang: h.lang, product: h.product })),
      known: hits.map(span),
    };
  });
  return { id: r.record.id, fields };
}

export async function suggestFrom(inputs: readonly InputSpec[], background: readonly InputSpec[], o: SuggestRun, log: InputLog): Promise<SuggestReport> {
  const fg: SuggestDoc[] = [];
  const bg: SuggestDoc[] = [];
  for await (const r of scoredRecords(inputs, { ...o, allHits: true }, log)) (r.record.flagged ? fg : bg).push(docOf(r));
  if (background.length > 0) for await (const r of scoredRecords(background, { ...o, scored: false, allHits: true }, log)) bg.push(docOf(r));
  if (fg.length === 0) throw new UsageError('no flagged listing in the inputs: there is no evidence to look around', { option: 'threshold' });
  if (bg.length === 0) throw new UsageError('no background: every listing is flagged; give listings that are not offers with --background', { option: 'background' });
  return { foreground: fg.length, background: bg.length, suggestions: suggestTerms(fg, bg, o.options) };
}
