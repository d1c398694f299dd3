/**
 * What one CLI run carries: its streams, the input logs of its commands
 * (so that an input that broke off makes the run exit 2 in one place,
 * cli/run.ts), and the outcome its command reports.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Chalk, type ChalkInstance } from 'chalk';
import { describeErrno, OutputError } from '../core/errors.js';
import { InputLog } from '../app/inputlog.js';
import type { Reject, Warning } from '../input/read.js';
import { colorLevel } from './color.js';
import { withOutput, type CliIO, type Sink } from './io.js';
import { flagName, type InputFlags } from './options.js';
import { printable } from '../core/printable.js';

/** What a command reports to the exit contract: 'findings' is exit 1 (only commands asked to report findings do). */
export type Outcome = 'ok' | 'findings';

export class CliContext {
  private readonly logs: InputLog[] = [];
  private readonly files: number[] = [];
  constructor(readonly io: CliIO) {}

  warn(message: string): void {
    // messages carry ids, excerpts, file and column names from the data: controls shown as escapes
    this.io.stderr.write(`wildsift: warning: ${printable(message)}\n`);
  }

  chalk(stream: 'stdout' | 'stderr', flag: boolean): ChalkInstance {
    return new Chalk({ level: colorLevel({ flag, isTTY: stream === 'stdout' ? this.io.stdoutIsTTY : this.io.stderrIsTTY, env: this.io.env }) });
  }

  /**
   * The input log of a command: rejected records and broken inputs reported
   * on stderr (and to the --errors file), and warnings (also with --quiet,
   * which hides only summaries and progress).
   */
  inputLog(flags: Pick<InputFlags, 'onError' | 'errors' | 'maxErrors'>): InputLog {
    let fd: number | undefined;
    if (flags.errors) {
      try {
        fd = openSync(flags.errors, 'w');
      } catch (err) {
        throw new OutputError(`${flags.errors}: cannot write: ${describeErrno(err as Error)}`, { option: 'errors' });
      }
      this.files.push(fd);
    }
    const io = this.io;
    const log = new InputLog(
      {
        reject: (r: Reject) => {
          this.warn(`${r.source}: row ${r.row}${r.line !== undefined ? ` (line ${r.line})` : ''} rejected: ${r.reason}${r.excerpt ? ` [${r.excerpt}]` : ''}`);
          if (fd !== undefined) writeSync(fd, JSON.stringify({ input: r.source, row: r.row, line: r.line ?? null, reason: r.reason, excerpt: r.excerpt ?? null }) + '\n');
        },
        warning: (w: Warning) => {
          this.warn(`${w.source}: ${w.message}${w.option ? `; see ${flagName(w.option)}` : ''}`);
        },
        broken: (source: string, message: string) => {
          io.stderr.write(`wildsift: error: ${printable(`${source}: ${message}`)}\n`);
        },
      },
      { onError: flags.onError, ...(flags.maxErrors !== undefined ? { maxErrors: flags.maxErrors } : {}) },
    );
    this.logs.push(log);
    return log;
  }

  /**
   * Runs `fn` with the command's output: the file named (refused when it is
   * one of `inputs`; written whole, and left as it was when the run fails or
   * an input breaks off) or stdout.
   */
  output<T>(file: string | undefined, inputs: readonly string[], fn: (sink: Sink) => Promise<T>): Promise<T> {
    return withOutput(this.io, file, fn, { inputs, failed: () => this.inputBroken });
  }

  /** Whether an --output file was left as it was (an input broke off): nothing was written to it. */
  outputLeftAlone(file: string | undefined): boolean {
    return file !== undefined && this.inputBroken;
  }

  /** Whether an input of this run broke off (the run then exits 2, after writing what was read). */
  get inputBroken(): boolean {
    return this.logs.some((l) => l.broken.length > 0);
  }

  close(): void {
    for (const fd of this.files.splice(0)) {
      try { closeSync(fd); } catch { /* already closed */ }
    }
  }
}
