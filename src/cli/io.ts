/** The streams and environment a command runs with (process's, or a test's). */
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { PipeClosed } from '../core/errors.js';
import type { TextSink } from '../app/sink.js';

export interface CliIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** terminal width, when stdout is a terminal */
  columns?: number;
}

/** A sink that honours backpressure and turns EPIPE into PipeClosed. */
export class Sink implements TextSink {
  private closed = false;
  private failure: Error | undefined;
  constructor(readonly stream: Writable) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else this.failure = err;
    });
  }
  private pending: string[] = [];
  private pendingSize = 0;

  /** Buffers small chunks and writes them in blocks of about 64 KiB. */
  async write(chunk: string): Promise<void> {
    if (chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingSize += chunk.length;
    if (this.pendingSize >= 65536) await this.flush();
  }

  /** Writes what is buffered; call at the end. */
  async flush(): Promise<void> {
    if (this.pendingSize === 0) return;
    const block = this.pending.join('');
    this.pending = [];
    this.pendingSize = 0;
    await this.writeNow(block);
  }

  private async writeNow(chunk: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.closed || this.stream.destroyed) throw new PipeClosed();
    let ok: boolean;
    try {
      ok = this.stream.write(chunk);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') throw new PipeClosed();
      throw err;
    }
    if (!ok) {
      // wait for drain (or close, or an error, which the listener above classifies), then remove the listeners
      await new Promise<void>((resolve) => {
        const done = () => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.stream.off('error', done);
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
        this.stream.on('error', done);
      });
      if (this.failure) throw this.failure;
      if (this.closed || this.stream.destroyed) throw new PipeClosed();
    }
  }
}

/**
 * An output file written to a temporary name beside it and renamed on
 * success, so a failed run never leaves a half-written result.
 */
export class AtomicFile {
  readonly tmp: string;
  readonly stream: Writable;
  constructor(readonly file: string) {
    this.tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
    this.stream = createWriteStream(this.tmp);
  }
  async commit(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
    await rename(this.tmp, this.file);
  }
  async abort(): Promise<void> {
    this.stream.destroy();
    await unlink(this.tmp).catch(() => undefined);
  }
}

/**
 * Runs `fn` with the sink of a command's result: the file named (written
 * whole, or not at all when the run fails) or stdout.
 */
export async function withOutput<T>(io: CliIO, file: string | undefined, fn: (sink: Sink) => Promise<T>): Promise<T> {
  const target = file ? new AtomicFile(file) : undefined;
  const sink = new Sink(target ? target.stream : io.stdout);
  try {
    const result = await fn(sink);
    await sink.flush();
    if (target) await target.commit();
    return result;
  } catch (err) {
    if (target) await target.abort();
    throw err;
  }
}
