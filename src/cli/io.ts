/** The streams and environment a command runs with (process's, or a test's). */
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { createWriteStream, fchmodSync, openSync, realpathSync, statSync, type Stats } from 'node:fs';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { describeErrno, OutputError, PipeClosed, UsageError } from '../core/errors.js';
import type { TextSink } from '../app/sink.js';
import { trackTemp } from '../app/temp.js';

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

/** The error of a destination that cannot be written (a full disk, a closed device), naming it. */
export function writeError(name: string, err: unknown): OutputError {
  const e = err as NodeJS.ErrnoException;
  return new OutputError(`${name}: cannot write: ${describeErrno(e)}`);
}

/** A sink that honours backpressure, turns EPIPE into PipeClosed and other write errors into an OutputError naming the destination. */
export class Sink implements TextSink {
  private closed = false;
  private failure: Error | undefined;
  constructor(readonly stream: Writable, readonly name = 'stdout') {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else this.failure ??= writeError(this.name, err);
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

/** Why `file` cannot be an output, checked before anything is read: a folder, a missing folder, one of the inputs. */
function outputProblem(file: string, st: Stats | undefined, inputs: readonly string[]): string | undefined {
  if (st?.isDirectory()) return `${file}: is a folder; name a file to write`;
  if (!st) {
    const dir = path.dirname(file);
    let d: Stats | undefined;
    try { d = statSync(dir); } catch { /* missing */ }
    if (!d) return `${file}: cannot write: folder ${dir} does not exist`;
    if (!d.isDirectory()) return `${file}: cannot write: ${dir} is not a folder`;
    return undefined;
  }
  for (const name of inputs) {
    if (name === '-') continue;
    let i: Stats | undefined;
    try { i = statSync(name); } catch { continue; }
    if (st.isFile() && i.dev === st.dev && i.ino === st.ino) return `${file} is also an input (${name}): writing it would destroy what is being read; choose another output file`;
  }
  return undefined;
}

/**
 * The file an output goes to. A regular file (new or existing) is written to
 * a temporary name beside it and renamed on success, so a failed run never
 * leaves a half-written result or replaces what was there; a symlink is
 * followed (its target is replaced, the link stays); a device, FIFO or socket
 * (/dev/null, /dev/stdout, a named pipe) is written directly.
 */
export class OutputFile {
  readonly stream: Writable;
  private readonly target: string;
  private readonly tmp: string | undefined;
  private readonly untrack: () => void = () => {};
  constructor(readonly file: string, inputs: readonly string[] = []) {
    let st: Stats | undefined;
    try { st = statSync(file); } catch { /* a new file */ }
    const problem = outputProblem(file, st, inputs);
    if (problem) throw new OutputError(problem, { option: 'output' });
    const real = st ? realpathSync(file) : file;
    // devices, FIFOs, sockets, and a descriptor of this process (/dev/stdout -> /proc/self/fd/1): written in place
    if (st && (!st.isFile() || file.startsWith('/dev/') || real.startsWith('/proc/'))) {
      this.target = file;
      this.tmp = undefined;
      this.stream = createWriteStream(file, { flags: 'a' });
      return;
    }
    this.target = real;
    this.tmp = path.join(path.dirname(this.target), `.${path.basename(this.target)}.${process.pid}.tmp`);
    let fd: number;
    try {
      fd = openSync(this.tmp, 'wx', 0o666);
      if (st) fchmodSync(fd, st.mode & 0o7777);
    } catch (err) {
      throw new OutputError(`${file}: cannot write: ${describeErrno(err as NodeJS.ErrnoException)}`, { option: 'output' });
    }
    this.untrack = trackTemp(this.tmp);
    this.stream = createWriteStream(this.tmp, { fd });
  }
  async commit(): Promise<void> {
    this.stream.end();
    try {
      await once(this.stream, 'finish');
      if (this.tmp) await rename(this.tmp, this.target);
    } catch (err) {
      await this.abort();
      throw writeError(this.file, err);
    }
    this.untrack();
  }
  async abort(): Promise<void> {
    this.stream.destroy();
    if (this.tmp) await unlink(this.tmp).catch(() => undefined);
    this.untrack();
  }
}

export interface OutputOptions {
  /** the names of the run's inputs: an output that is one of them is refused */
  inputs?: readonly string[];
  /** checked when `fn` is done: true (an input broke off) leaves the file as it was */
  failed?: () => boolean;
}

/**
 * Runs `fn` with the sink of a command's result: the file named (written
 * whole, or not at all when the run fails) or stdout.
 */
export async function withOutput<T>(io: CliIO, file: string | undefined, fn: (sink: Sink) => Promise<T>, o: OutputOptions = {}): Promise<T> {
  if (file === '') throw new UsageError('the output file name is empty', { option: 'output' });
  const target = file ? new OutputFile(file, o.inputs) : undefined;
  const sink = new Sink(target ? target.stream : io.stdout, file ?? 'stdout');
  try {
    const result = await fn(sink);
    await sink.flush();
    if (target && o.failed?.()) {
      await target.abort();
      io.stderr.write(`wildsift: ${file} not written (left as it was): an input broke off\n`);
    } else if (target) await target.commit();
    return result;
  } catch (err) {
    if (target) await target.abort();
    throw err;
  }
}
