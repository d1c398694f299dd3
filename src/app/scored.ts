/**
 * Reads the JSONL output of `score` back (merge, stats --scored, report
 * --scored) through the same reader as any input, so gzip, encodings and
 * broken archives behave alike; a line that is not a score record is
 * rejected with its row, line and reason like any bad record.
 */
import type { InputSpec, ReadSettings } from '../input/read.js';
import { readRecords } from '../input/read.js';
import { MAX_DEPTH } from '../core/fields.js';
import { scoreRecordProblem, type OutputRecord } from '../output/record.js';
import type { InputLog } from './inputs.js';

export interface ScoredLine {
  record: OutputRecord;
  /** position over all inputs */
  order: number;
  /** the file it was read from, and its row there */
  input: string;
  row: number;
}

export async function* readScored(inputs: readonly InputSpec[], log: InputLog, read: Pick<ReadSettings, 'encoding' | 'maxFieldSize'> = {}): AsyncGenerator<ScoredLine> {
  let order = 0;
  for (const input of inputs) {
    // score output nests the listing's fields one level down, and its hits can make a line 40 times the listing
    for await (const rec of readRecords(input, { ...read, maxDepth: MAX_DEPTH + 1, maxRecordSize: 500_000_000, format: 'jsonl', ...log.handlers() })) {
      const problem = scoreRecordProblem(rec.data);
      if (problem !== undefined) {
        log.onReject({ source: input.name, row: rec.row, ...(rec.line !== undefined ? { line: rec.line } : {}), reason: problem });
        continue;
      }
      yield { record: rec.data as unknown as OutputRecord, order: order++, input: input.name, row: rec.row };
    }
  }
}
