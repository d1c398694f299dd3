/** Output records for stats and report: scored here, or read from the JSONL output of score (--scored). */
import { availableParallelism } from 'node:os';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { scorePipeline } from '../../app/pipeline.js';
import { InputError } from '../../errors.js';
import { recordOf, type OutputRecord } from '../../output/record.js';
import type { CliIO } from '../io.js';
import type { InputFlags, LexiconFlags } from '../options.js';
import { inputOptionsFrom, inputSpecs, reportersFor } from './shared.js';

export interface RecordFlags extends InputFlags, LexiconFlags {
  threshold: number;
  scored?: boolean;
  jobs?: number;
  quiet?: boolean;
}

export function recordSource(names: string[], flags: RecordFlags, io: CliIO): { records: AsyncGenerator<OutputRecord>; close: () => void; broken: string[] } {
  const rep = reportersFor(io, flags);
  if (flags.scored) {
    async function* read(): AsyncGenerator<OutputRecord> {
      for (const f of names.length === 0 ? ['-'] : names) {
        const lines = createInterface({ input: f === '-' ? io.stdin : createReadStream(f), crlfDelay: Infinity });
        let n = 0;
        try {
          for await (const line of lines) {
            n++;
            if (line.trim() === '') continue;
            let r: OutputRecord;
            try {
              r = JSON.parse(line) as OutputRecord;
            } catch (err) {
              throw new InputError(`${f}: line ${n}: not JSON: ${(err as Error).message}`);
            }
            if (typeof r.score !== 'number' || !Array.isArray(r.hits)) throw new InputError(`${f}: line ${n}: not a wildsift score record (--scored)`);
            yield r;
          }
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError(`${f}: no such file`);
          throw err;
        }
      }
    }
    return { records: read(), close: rep.close, broken: rep.broken };
  }
  const p = scorePipeline(inputSpecs(names, io), {
    ...inputOptionsFrom(flags),
    onReject: rep.onReject,
    onWarning: rep.onWarning,
    onBroken: rep.onBroken,
    job: { lexiconPaths: flags.lexicon ?? [], defaultLexicons: flags.defaultLexicons, threshold: flags.threshold, keep: 'all', withTexts: true, withSim: true },
    jobs: flags.jobs ?? Math.max(1, availableParallelism()),
    dupDistance: 3,
  });
  async function* records(): AsyncGenerator<OutputRecord> {
    for await (const c of p.records) {
      const r = recordOf(c, null);
      // the scored texts travel with the record (for excerpts), but are not part of its schema
      Object.defineProperty(r, 'texts', { value: c.texts, enumerable: false });
      yield r;
    }
  }
  return { records: records(), close: rep.close, broken: rep.broken };
}
