/** Wires `wildsift report`. */
import { renderReport } from '../../output/report.js';
import type { OutputRecord } from '../../output/record.js';
import type { FieldText } from '../../core/matcher.js';
import { loadLexicons } from '../../lexicon/load.js';
import type { ReportFlags } from '../commands/report.js';
import { AtomicFile, PipeClosed, Sink, type CliIO } from '../io.js';
import { aggregate } from './stats.js';

export async function runReport(inputs: string[], flags: ReportFlags, io: CliIO): Promise<number> {
  // the best listings so far, best first (ties: the earlier one)
  const top: { record: OutputRecord; texts: FieldText[] }[] = [];
  const keep = (r: OutputRecord) => {
    if (top.length === flags.top && r.score <= top[top.length - 1]!.record.score) return;
    const texts = ((r as unknown as { texts?: FieldText[] }).texts ?? []) as FieldText[];
    let i = top.length;
    while (i > 0 && top[i - 1]!.record.score < r.score) i--;
    top.splice(i, 0, { record: r, texts: texts.length > 0 ? texts : textsOf(r) });
    if (top.length > flags.top) top.pop();
  };
  const { stats, broken } = await aggregate(inputs, { ...flags, format: 'json', color: false }, io, keep);
  top.forEach((t, i) => { t.record.rank = i + 1; });
  const lexicons = flags.scored ? [] : loadLexicons({ paths: flags.lexicon ?? [], defaults: flags.defaultLexicons }).map((l) => ({ name: l.name, version: l.version }));
  const params: Record<string, string> = {
    inputs: inputs.length > 0 ? inputs.join(', ') : '-',
    threshold: String(flags.threshold),
    ...(flags.by && flags.by.length > 0 ? { by: flags.by.join(', ') } : {}),
    ...(flags.lexicon && flags.lexicon.length > 0 ? { 'extra lexicons': flags.lexicon.join(', ') } : {}),
    ...(flags.defaultLexicons === false ? { 'built-in lexicons': 'not loaded' } : {}),
  };
  const html = renderReport({ stats, top, lexicons, params, generated: new Date().toISOString() });
  const file = flags.output ? new AtomicFile(flags.output) : undefined;
  try {
    const sink = new Sink(file ? file.stream : io.stdout);
    await sink.write(html);
    await sink.flush();
    if (file) await file.commit();
  } catch (err) {
    if (file) await file.abort();
    if (err instanceof PipeClosed) return 0;
    throw err;
  }
  if (!flags.quiet) io.stderr.write(`wildsift: report of ${stats.listings} listings (${stats.flagged} flagged, top ${top.length} shown)${flags.output ? ` written to ${flags.output}` : ''}\n`);
  return broken.length > 0 ? 2 : 0;
}

/** For scored input: the text fields that the hits point at, from the kept fields. */
function textsOf(r: OutputRecord): FieldText[] {
  const names = [...new Set(r.hits.map((h) => h.field))];
  return names.map((name) => ({ name, text: typeof r.fields[name] === 'string' ? (r.fields[name] as string) : '' }));
}
