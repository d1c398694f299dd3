/**
 * Worker thread of `score --jobs N`: builds its own scorer from the job's
 * lexicons, then scores batches of records into compact output records with
 * the very code the main thread uses, so output does not depend on --jobs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scoreCompact, scorerFor, type PlannedRecord, type ScoreJob } from './job.js';

export interface BatchMessage {
  seq: number;
  items: PlannedRecord[];
}

const port = parentPort!;
const job = workerData as ScoreJob;
try {
  const scorer = scorerFor(job);
  port.postMessage({ type: 'ready' });
  port.on('message', (m: BatchMessage) => {
    try {
      port.postMessage({ type: 'batch', seq: m.seq, results: m.items.map((p) => scoreCompact(scorer, job, p)) });
    } catch (err) {
      const e = err as Error;
      port.postMessage({ type: 'error', name: e.name, message: e.message, stack: e.stack });
    }
  });
} catch (err) {
  const e = err as Error & { problems?: string[] };
  port.postMessage({ type: 'error', name: e.name, message: e.message, problems: e.problems, stack: e.stack });
}
