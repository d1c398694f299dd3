/**
 * Scores planned records in worker threads, in batches, with at most a few
 * batches in flight per worker (backpressure on the reader), and yields the
 * compact results in input order.
 */
import { Worker } from 'node:worker_threads';
import { errorFromWire, type WireError } from '../core/errors.js';
import type { Compact } from '../output/record.js';
import type { PlannedRecord, ScoreJob } from './job.js';

export const BATCH_SIZE = 256;
const IN_FLIGHT_PER_WORKER = 3;

type Reply =
  | { type: 'ready' }
  | { type: 'batch'; seq: number; results: Compact[] }
  | { type: 'error'; error: WireError };

export async function* scoreInWorkers(items: AsyncIterable<PlannedRecord>, job: ScoreJob, jobs: number): AsyncGenerator<Compact> {
  const url = new URL('./worker.js', import.meta.url);
  const workers = Array.from({ length: jobs }, () => new Worker(url, { workerData: job }));
  const load = new Array<number>(jobs).fill(0);
  const done = new Map<number, Compact[]>();
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => { const w = wake; wake = undefined; w?.(); };
  workers.forEach((w, i) => {
    w.on('message', (r: Reply) => {
      if (r.type === 'batch') { done.set(r.seq, r.results); load[i]!--; }
      else if (r.type === 'error') failure ??= errorFromWire(r.error);
      notify();
    });
    w.on('error', (err) => { failure ??= err; notify(); });
    w.on('exit', (code) => { if (code !== 0) failure ??= new Error(`worker thread exited with code ${code}`); notify(); });
  });
  const waitForNews = () => new Promise<void>((resolve) => { wake = resolve; });

  let nextSeq = 0;
  let nextOut = 0;
  let batch: PlannedRecord[] = [];
  const send = () => {
    let i = 0;
    for (let k = 1; k < jobs; k++) if (load[k]! < load[i]!) i = k;
    load[i]!++;
    workers[i]!.postMessage({ seq: nextSeq++, items: batch });
    batch = [];
  };
  try {
    for await (const item of items) {
      batch.push(item);
      if (batch.length < BATCH_SIZE) continue;
      send();
      // backpressure: wait while every worker has its fill of batches
      while (nextSeq - nextOut >= jobs * IN_FLIGHT_PER_WORKER) {
        if (failure) throw failure;
        while (done.has(nextOut)) { for (const c of done.get(nextOut)!) yield c; done.delete(nextOut); nextOut++; }
        if (nextSeq - nextOut >= jobs * IN_FLIGHT_PER_WORKER) await waitForNews();
      }
      while (done.has(nextOut)) { for (const c of done.get(nextOut)!) yield c; done.delete(nextOut); nextOut++; }
    }
    if (batch.length > 0) send();
    while (nextOut < nextSeq) {
      if (failure) throw failure;
      if (done.has(nextOut)) { for (const c of done.get(nextOut)!) yield c; done.delete(nextOut); nextOut++; continue; }
      await waitForNews();
    }
    if (failure) throw failure;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
