/** `stats` and `report`: the counts of every record, and the best listings with their texts. */
import { getPath } from '../core/fields.js';
import type { InputSpec } from '../input/read.js';
import { loadCompiledLexicons } from '../lexicon/cache.js';
import { Aggregator, parseBy, type DateFormat, type Stats } from '../output/stats.js';
import type { ReportInput } from '../output/report.js';
import type { InputLog } from './inputs.js';
import { TopN } from './rank.js';
import { scoredRecords, type RecordsRun, type ScoredRecord } from './records.js';
import { SellerRanking } from '../output/sellers.js';
import { profileFieldsOf } from './sellers.js';

export interface StatsRun extends RecordsRun {
  /** --by specs: field, field:month, field:year */
  by: string[];
  /** field naming the seller; undefined: "seller" when the first record has it */
  sellerField?: string;
  topSellers: number;
  /** how --by field:month and field:year read dates (default iso) */
  dateFormat?: DateFormat;
}

export async function collectStats(inputs: readonly InputSpec[], o: StatsRun, log: InputLog, onRecord?: (r: ScoredRecord) => void): Promise<Stats> {
  const by = o.by.map(parseBy);
  let agg: Aggregator | undefined;
  for await (const r of scoredRecords(inputs, o, log)) {
    agg ??= new Aggregator(o.threshold, by, o.sellerField ?? (getPath(r.record.fields, 'seller') !== undefined ? 'seller' : null), o.topSellers, o.dateFormat);
    agg.add(r.record);
    onRecord?.(r);
  }
  agg ??= new Aggregator(o.threshold, by, o.sellerField ?? null, o.topSellers, o.dateFormat);
  return agg.result();
}

export interface ReportRun extends StatsRun {
  /** listings shown in full */
  top: number;
  /** run parameters shown on the page */
  params: Record<string, string>;
  generated: string;
}

/** What the HTML report shows: the counts, the best listings (ranked), the lexicons and the run's parameters. */
export async function collectReport(inputs: readonly InputSpec[], o: ReportRun, log: InputLog): Promise<ReportInput> {
  const best = new TopN<ScoredRecord & { score: number }>(o.top);
  let accounts: SellerRanking | undefined;
  let noSeller = false;
  const stats = await collectStats(inputs, o, log, (r) => {
    best.offer({ ...r, score: r.record.score });
    if (!accounts && !noSeller) {
      const field = o.sellerField ?? (getPath(r.record.fields, 'seller') !== undefined ? 'seller' : undefined);
      if (field === undefined) noSeller = true;
      else accounts = new SellerRanking(field, profileFieldsOf(o.read.context));
    }
    accounts?.add(r.record);
  });
  const top = best.sorted().map((r, i) => ({ record: { ...r.record, rank: i + 1 }, texts: r.texts }));
  const lexicons = o.scored ? [] : (await loadCompiledLexicons(o.lexicons)).lexicons.map((l) => ({ name: l.name, version: l.version }));
  return { stats, top, lexicons, params: o.params, generated: o.generated, ...(accounts ? { accounts: accounts.ranked(o.topSellers) } : {}) };
}
