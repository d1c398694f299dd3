/**
 * Runs tasks (app/tasks.ts) in worker threads, with at most a few in flight
 * per worker (backpressure on whatever makes the tasks), and yields their
 * replies in task order: a task answered in parts yields each part as it
 * comes, once the tasks before it are done. An item without a task is the
 * main thread's own (the end of an input, an error met while reading): it
 * takes its place in the order without going to a worker. A task that fails
 * fails the run when its turn comes, after the replies before it.
 */
import { Worker } from 'node:worker_threads';
import { errorFromWire, type WireError } from '../core/errors.js';
import type { Keep, ScoreJob } from './job.js';
import type { TaskReply, WorkerTask } from './tasks.js';

const IN_FLIGHT_PER_WORKER = 3;

/** What each worker is started with. */
export interface WorkerData {
  job: ScoreJob;
  /** note kept field names (KeptNames) */
  kept?: { keep: Keep; all: boolean };
}

export interface PoolItem<M> {
  task?: WorkerTask;
  /** the main thread's own part of the item, given back with each reply */
  meta: M;
}

/** A reply (or a part of one) to an item; `last`: the item is done. */
export interface PoolReply<M> {
  meta: M;
  reply: TaskReply | undefined;
  last: boolean;
}

type Message =
  | { type: 'ready' }
  | { type: 'part' | 'done'; seq: number; reply: TaskReply }
  | { type: 'error'; seq?: number; error: WireError };

/** What came for one item so far. */
interface Pending<M> {
  meta: M;
  parts: (TaskReply | undefined)[];
  done: boolean;
  error?: Error;
}

export async function* inWorkers<M>(items: AsyncIterable<PoolItem<M>>, data: WorkerData, jobs: number): AsyncGenerator<PoolReply<M>> {
  const url = new URL('./worker.js', import.meta.url);
  const workers = Array.from({ length: jobs }, () => new Worker(url, { workerData: data }));
  const load = new Array<number>(jobs).fill(0);
  const pending = new Map<number, Pending<M>>();
  // a worker that could not start, or died: the run fails now
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => { const w = wake; wake = undefined; w?.(); };
  workers.forEach((w, i) => {
    w.on('message', (m: Message) => {
      if (m.type === 'error' && m.seq === undefined) failure ??= errorFromWire(m.error);
      else if (m.type !== 'ready') {
        const p = pending.get(m.seq!)!;
        if (m.type === 'error') p.error = errorFromWire(m.error);
        else p.parts.push(m.reply);
        if (m.type !== 'part') { p.done = true; load[i]!--; }
      }
      notify();
    });
    w.on('error', (err) => { failure ??= err; notify(); });
    w.on('exit', (code) => { if (code !== 0) failure ??= new Error(`worker thread exited with code ${code}`); notify(); });
  });
  const waitForNews = () => new Promise<void>((resolve) => { wake = resolve; });

  let nextSeq = 0;
  let nextOut = 0;
  // the replies that can be given now: those of the first items not yet done, in order
  const take = function* (): Generator<PoolReply<M>> {
    for (let p = pending.get(nextOut); p !== undefined; p = pending.get(nextOut)) {
      while (p.parts.length > 0) {
        const reply = p.parts.shift();
        yield { meta: p.meta, reply, last: p.done && p.parts.length === 0 && p.error === undefined };
      }
      if (p.error) throw p.error;
      if (!p.done) return;
      pending.delete(nextOut++);
    }
  };
  try {
    for await (const item of items) {
      const seq = nextSeq++;
      if (item.task === undefined) pending.set(seq, { meta: item.meta, parts: [undefined], done: true });
      else {
        pending.set(seq, { meta: item.meta, parts: [], done: false });
        let i = 0;
        for (let k = 1; k < jobs; k++) if (load[k]! < load[i]!) i = k;
        load[i]!++;
        workers[i]!.postMessage({ seq, task: item.task });
      }
      // backpressure: wait while every worker has its fill of tasks
      for (;;) {
        if (failure) throw failure;
        yield* take();
        if (nextSeq - nextOut < jobs * IN_FLIGHT_PER_WORKER) break;
        await waitForNews();
      }
    }
    while (nextOut < nextSeq) {
      if (failure) throw failure;
      yield* take();
      if (nextOut < nextSeq) await waitForNews();
    }
    if (failure) throw failure;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
