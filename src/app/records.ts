/**
 * Output records for stats and report: scored here through the pipeline, or
 * read back from the JSONL output of score (`scored`). Either way a record
 * is flagged when its written score reaches this run's threshold.
 */
import type { FieldText } from '../core/matcher.js';
import type { InputSpec, ReadSettings } from '../input/read.js';
import type { LoadOptions } from '../lexicon/load.js';
import { recordOf, type OutputRecord } from '../output/record.js';
import type { InputLog } from './inputs.js';
import { scorePipeline } from './pipeline.js';
import { readScored } from './scored.js';
import type { LoadedModel } from '../lexicon/model.js';

export interface RecordsRun {
  read: ReadSettings;
  lexicons: LoadOptions;
  threshold: number;
  /** a learned model that scores with these lexicons (refused when trained with others) */
  model?: LoadedModel;
  /** the inputs are score outputs: read, not scored again */
  scored: boolean;
  jobs?: number;
  /** records carry every hit (suggest: every known span) */
  allHits?: boolean;
}

export interface ScoredRecord {
  record: OutputRecord;
  /** the scored texts (for excerpts) */
  texts: FieldText[];
  order: number;
}

/** For scored input: the text fields that the hits point at, from the kept fields. */
function textsOf(r: OutputRecord): FieldText[] {
  const names = [...new Set(r.hits.map((h) => h.field))];
  return names.map((name) => ({ name, text: typeof r.fields[name] === 'string' ? (r.fields[name] as string) : '' }));
}

export async function* scoredRecords(inputs: readonly InputSpec[], o: RecordsRun, log: InputLog): AsyncGenerator<ScoredRecord> {
  if (o.scored) {
    for await (const { record, order } of readScored(inputs, log, o.read)) {
      record.flagged = record.score >= o.threshold;
      yield { record, texts: textsOf(record), order };
    }
    return;
  }
  const p = await scorePipeline(inputs, {
    ...(o.model ? { model: o.model } : {}),
    read: o.read,
    log,
    job: { lexicons: [o.lexicons], threshold: o.threshold, keep: 'all', withTexts: true, ...(o.allHits ? { allHits: true } : {}) },
    ...(o.jobs !== undefined ? { jobs: o.jobs } : {}),
    dupDistance: 3,
  });
  for await (const c of p.records) yield { record: recordOf(c, null), texts: c.texts ?? [], order: c.order };
}
