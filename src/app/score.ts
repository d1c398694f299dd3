/**
 * `score`: listings in, ranked output records out. Chooses how to keep the
 * scored records for the ranking asked for (none in input order, the best n
 * in a bounded heap, or all: in memory for a table, else spilled to a
 * temporary file), filters them, and drives the writer.
 */
import type { Level } from '../core/types.js';
import { UsageError } from '../core/errors.js';
import type { InputSpec, ReadSettings } from '../input/read.js';
import type { LoadOptions } from '../lexicon/load.js';
import type { Compact } from '../output/record.js';
import { loadDisplayWidths } from '../core/display.js';
import type { Baseline } from '../core/baseline.js';
import { writerFor, type OutputFormat, type RecordWriter, type WriterOptions } from '../output/writers.js';
import { HashSet64 } from './hashset.js';
import type { InputLog } from './inputs.js';
import type { Keep } from './job.js';
import { scorePipeline } from './pipeline.js';
import { KeptNames } from './tasks.js';
import { TopN } from './rank.js';
import { writeAll, type TextSink } from './sink.js';
import { RankStore } from './spill.js';
import type { LoadedModel } from '../lexicon/model.js';

export interface ScoreRun {
  read: ReadSettings;
  lexicons: LoadOptions;
  threshold: number;
  /** a learned model that scores with these lexicons (refused when trained with others) */
  model?: LoadedModel;
  keep: Keep;
  /** every hit in the records, not only those that explain the score */
  allHits?: boolean;
  format: OutputFormat;
  writer: Omit<WriterOptions, 'fieldNames' | 'model'>;
  /** false: write in input order as scored (rank null) */
  sort: boolean;
  top?: number;
  minScore?: number;
  flaggedOnly: boolean;
  jobs?: number;
  /** near-duplicate distance; undefined: no groups */
  dupDistance?: number;
  /** reviewed findings: hidden from the output, or with `mark` written with a `reviewed` field */
  baseline?: { decisions: Baseline; mark: boolean };
  /** listings scored before (content keys): skipped; the new ones' keys are appended to `file` after the output is written */
  seen?: { keys: HashSet64; file: string };
}

export interface ScoreHooks {
  onBytes?: (n: number) => void;
  /** after each scored listing, with the running counts */
  onScored?: (scored: number, flagged: number) => void;
  /** when the last listing is scored, before the ranked output is written */
  onScoringDone?: () => void;
}

export interface ScoreSummary {
  scored: number;
  flagged: number;
  levels: Record<Level, number>;
  /** near-duplicate groups (undefined without groups) */
  groups: number | undefined;
  written: number;
  /** rows whose id an earlier row (of any input) already had: one id on 1,000 rows counts 999 */
  duplicateIds: number;
  /** the first repeated id, where it repeats */
  firstDuplicate?: string;
  /** fields asked to be kept that no record has */
  missingKept: string[];
  /** rows a table left out (it shows at most TABLE_ROWS without --top) */
  notShown: number;
  /** the lexicon set that scored: its id (as in every record) and its lexicons' names and versions */
  lexicons: { id: string; sets: { name: string; version: string }[] };
  /** flagged listings a --baseline decision covers (hidden, or marked with --baseline-mark) */
  reviewed: number;
  /** the levels of the listings no baseline decision covers: what --fail-on looks at */
  openLevels: Record<Level, number>;
  /** listings skipped because --seen had their content key */
  seenBefore: number;
  /** with --seen: the content keys of the listings scored this time, for the caller to append once the output is written */
  newSeen: string[];
}

/** The most rows a table shows without --top: a table is read by a person, and its rows are held in memory with their texts. */
export const TABLE_ROWS = 1000;

export async function scoreListings(inputs: readonly InputSpec[], o: ScoreRun, log: InputLog, sink: TextSink, hooks: ScoreHooks = {}): Promise<ScoreSummary> {
  if (o.format === 'table') await loadDisplayWidths();
  if (!o.sort && o.top !== undefined) throw new UsageError('the top n listings need the ranking; output in input order cannot keep only them', { option: 'top' });
  const ids = new HashSet64();
  const summary: ScoreSummary = { scored: 0, flagged: 0, levels: { high: 0, medium: 0, low: 0, none: 0 }, groups: undefined, written: 0, duplicateIds: 0, missingKept: [], notShown: 0, lexicons: { id: '', sets: [] }, reviewed: 0, openLevels: { high: 0, medium: 0, low: 0, none: 0 }, seenBefore: 0, newSeen: [] };
  // the kept field names: CSV columns, and the kept fields that no record has
  const keptNames = new KeptNames(o.keep, o.format === 'csv');
  const pipeline = await scorePipeline(inputs, {
    ...(o.model ? { model: o.model } : {}),
    read: o.read,
    log,
    job: { lexicons: [o.lexicons], threshold: o.threshold, keep: o.keep, withTexts: o.format === 'table', ...(o.allHits ? { allHits: true } : {}), ...(o.seen ? { withContentKey: true } : {}), ...(o.baseline ? { withReviewKey: true } : {}) },
    ...(o.jobs !== undefined ? { jobs: o.jobs } : {}),
    ...(o.dupDistance !== undefined ? { dupDistance: o.dupDistance } : {}),
    ...(hooks.onBytes ? { onBytes: hooks.onBytes } : {}),
    kept: keptNames,
    onHead: (h) => {
      // an id from an id field (else the row number is the id, and is never repeated)
      if (h.id !== undefined && !ids.add(h.id) && summary.duplicateIds++ === 0) summary.firstDuplicate = `"${h.id}" again at ${h.source} row ${h.row}`;
    },
  });
  summary.lexicons = { id: pipeline.setIds[0]!, sets: pipeline.lexicons[0]!.map((l) => ({ name: l.name, version: l.version })) };
  const writer = (): RecordWriter => writerFor(o.format, { ...o.writer, fieldNames: keptNames.names, model: o.model !== undefined });
  const newSeen = new HashSet64();
  const newKeys = summary.newSeen;
  const wanted = (c: Compact) => (o.minScore === undefined || c.score >= o.minScore) && (!o.flaggedOnly || c.flagged);
  async function* scored(): AsyncGenerator<Compact> {
    for await (const c of pipeline.records) {
      if (o.seen && c.contentKey !== undefined) {
        if (o.seen.keys.has(c.contentKey)) { summary.seenBefore++; continue; }
        if (newSeen.add(c.contentKey)) newKeys.push(c.contentKey);
      }
      summary.scored++;
      summary.levels[c.level]++;
      if (c.flagged) summary.flagged++;
      hooks.onScored?.(summary.scored, summary.flagged);
      const decision = o.baseline && c.key ? o.baseline.decisions.decisionFor(c.key) : undefined;
      if (decision) {
        summary.reviewed++;
        if (!o.baseline!.mark) continue;
        c.json = `${c.json.slice(0, -1)},"reviewed":${JSON.stringify(decision)}}`;
      } else summary.openLevels[c.level]++;
      if (wanted(c)) yield c;
    }
    summary.groups = pipeline.groups();
    hooks.onScoringDone?.();
  }

  if (!o.sort) {
    // input order, written as scored: memory does not grow with the input.
    // The writer is made after the first record, when CSV columns are known.
    let w: RecordWriter | undefined;
    for await (const c of scored()) {
      if (!w) { w = writer(); await sink.write(w.begin()); }
      await sink.write(w.write(c, null));
      summary.written++;
    }
    if (!w) { w = writer(); await sink.write(w.begin()); }
    await sink.write(w.end());
    await sink.flush();
    summary.missingKept = summary.scored > 0 ? keptNames.missing() : [];
    return summary;
  }
  let kept: Iterable<Compact>;
  let store: RankStore | undefined;
  try {
    if (o.top !== undefined) {
      const top = new TopN<Compact>(o.top);
      for await (const c of scored()) top.offer(c);
      kept = top.sorted();
    } else if (o.format === 'table') {
      // a table is for reading: at most TABLE_ROWS rows (with their texts, for excerpts) stay in memory
      const top = new TopN<Compact>(TABLE_ROWS);
      let shown = 0;
      for await (const c of scored()) { top.offer(c); shown++; }
      kept = top.sorted();
      summary.notShown = Math.max(0, shown - TABLE_ROWS);
    } else {
      // records wait in a temporary file; memory holds 24 bytes of index per listing
      store = new RankStore();
      for await (const c of scored()) store.add(c);
      kept = store.ranked();
    }
    // rank = position in the full ranking; the filters only ever cut its tail
    summary.written = await writeAll(sink, writer(), kept);
    await sink.flush();
  } finally {
    store?.close();
  }
  summary.missingKept = summary.scored > 0 ? keptNames.missing() : [];
  return summary;
}
