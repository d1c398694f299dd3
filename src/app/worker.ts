/**
 * Worker thread of the scoring pipeline (--jobs N): builds its own scorers
 * from the job's lexicons (loaded by the main thread, sent as data), then scores batches of records into compact
 * output records with the very code the main thread uses.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorToWire } from '../core/errors.js';
import { JobScorer, type PlannedRecord, type ScoreJob } from './job.js';

export interface BatchMessage {
  seq: number;
  items: PlannedRecord[];
}

const port = parentPort!;
try {
  const scorer = new JobScorer(workerData as ScoreJob);
  port.postMessage({ type: 'ready' });
  port.on('message', (m: BatchMessage) => {
    try {
      port.postMessage({ type: 'batch', seq: m.seq, results: m.items.map((p) => scorer.score(p)) });
    } catch (err) {
      port.postMessage({ type: 'error', error: errorToWire(err) });
    }
  });
} catch (err) {
  port.postMessage({ type: 'error', error: errorToWire(err) });
}
