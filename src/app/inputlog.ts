/**
 * The run's account of its inputs: every rejected record, every warning and
 * every input that broke off goes through one InputLog, which applies the
 * error policy (skip or fail, at most n rejects). An input that broke off is
 * part of the run's result: the caller reads `broken` once, at the end.
 * A module of its own, without the readers, so that the CLI can make one
 * without loading csv-parse (`--version` and `explain` load less).
 */
import { InputError } from '../core/errors.js';
import type { ReadHandlers, Reject, Warning } from '../input/read.js';

export interface ErrorPolicy {
  /** a malformed record: skip it (reported), or stop the run */
  onError?: 'skip' | 'fail';
  /** stop once more than this many records are rejected */
  maxErrors?: number;
}

/** Where the log reports what it is told (stderr and an errors file, in the CLI). */
export interface InputReporter {
  reject(r: Reject): void;
  warning(w: Warning): void;
  broken(source: string, message: string): void;
}

export class InputLog {
  rejected = 0;
  readonly broken: { source: string; message: string }[] = [];
  constructor(private readonly report: InputReporter, private readonly policy: ErrorPolicy = {}) {}

  readonly onReject = (r: Reject): void => {
    this.rejected++;
    this.report.reject(r);
    if (this.policy.onError === 'fail') throw new InputError(`${r.source}: row ${r.row}${r.line !== undefined ? ` (line ${r.line})` : ''}: ${r.reason}`, { option: 'onError' });
    if (this.policy.maxErrors !== undefined && this.rejected > this.policy.maxErrors) throw new InputError(`more than ${this.policy.maxErrors} records rejected: stopping`, { option: 'maxErrors' });
  };

  readonly onWarning = (w: Warning): void => {
    this.report.warning(w);
  };

  readonly onBroken = (source: string, message: string): void => {
    this.broken.push({ source, message });
    this.report.broken(source, message);
    if (this.policy.onError === 'fail') throw new InputError(`${source}: ${message}`, { option: 'onError' });
  };

  /** The handlers that readers call. */
  handlers(onBytes?: (n: number) => void): ReadHandlers {
    return { onReject: this.onReject, onWarning: this.onWarning, onBroken: this.onBroken, ...(onBytes ? { onBytes } : {}) };
  }
}
