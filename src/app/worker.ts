/**
 * Worker thread of the scoring pipeline (--jobs N): builds its scorers from
 * the job (lexicons loaded by the main thread, matcher tables over shared
 * memory), then runs its tasks (app/tasks.ts) one after another, in the
 * order they come, with the very code the main thread uses.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorToWire } from '../core/errors.js';
import { JobScorer } from './job.js';
import { KeptNames, runTask, type WorkerTask } from './tasks.js';
import type { WorkerData } from './pool.js';

export interface TaskMessage {
  seq: number;
  task: WorkerTask;
}

const port = parentPort!;
try {
  const data = workerData as WorkerData;
  const scorer = new JobScorer(data.job);
  const kept = data.kept ? new KeptNames(data.kept.keep, data.kept.all) : undefined;
  let queue = Promise.resolve();
  port.postMessage({ type: 'ready' });
  port.on('message', (m: TaskMessage) => {
    queue = queue.then(async () => {
      try {
        const reply = await runTask(scorer, m.task, kept, (part) => port.postMessage({ type: 'part', seq: m.seq, reply: part }));
        port.postMessage({ type: 'done', seq: m.seq, reply });
      } catch (err) {
        port.postMessage({ type: 'error', seq: m.seq, error: errorToWire(err) });
      }
    });
  });
} catch (err) {
  port.postMessage({ type: 'error', error: errorToWire(err) });
}
