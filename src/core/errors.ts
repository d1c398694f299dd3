/**
 * The errors wildsift raises on purpose. Each has a stable `code` (for
 * programs and tests) and the exit code the CLI gives it; the CLI maps them to
 * exit codes in one place (cli/run.ts). Messages name data fields and option
 * keys, never command-line flags: `option` says which option an error is
 * about, and the CLI adds the flag's name.
 */

export interface ErrorDetails {
  /** the option (camelCase key of the options object) the error is about; several separated by commas */
  option?: string;
}

/** "no space left on device (ENOSPC)" rather than Node's "ENOSPC: no space left on device, write". */
export function describeErrno(e: { message: string; code?: string | undefined }): string {
  const m = /^E[A-Z]+: (.*?)(?:, \w+(?: '.*')?)?$/.exec(e.message);
  return m && e.code ? `${m[1]} (${e.code})` : e.message;
}

export abstract class WildsiftError extends Error {
  abstract readonly code: string;
  /** exit code of the CLI for this error */
  abstract readonly exitCode: number;
  readonly option: string | undefined;
  constructor(message: string, details: ErrorDetails = {}) {
    super(message);
    this.option = details.option;
  }
}

/** A request that cannot be carried out as asked (options that contradict each other, a bad value). */
export class UsageError extends WildsiftError {
  override name = 'UsageError';
  readonly code = 'usage';
  readonly exitCode = 2;
}

/** Input that cannot be read: a missing file, a missing field, a broken document, too many bad records. */
export class InputError extends WildsiftError {
  override name = 'InputError';
  readonly code = 'input';
  readonly exitCode = 2;
}

/** An output that cannot be written. */
export class OutputError extends WildsiftError {
  override name = 'OutputError';
  readonly code = 'output';
  readonly exitCode = 2;
}

/** A model file that cannot be used: missing, corrupt, of another schema, or trained on other lexicons. */
export class ModelError extends WildsiftError {
  override name = 'ModelError';
  readonly code = 'model';
  readonly exitCode = 2;
}

/** The reader of the output went away (`| head`): what it wanted it has, so the run ends quietly. */
export class PipeClosed extends WildsiftError {
  override name = 'PipeClosed';
  readonly code = 'pipe-closed';
  readonly exitCode = 0;
  constructor() {
    super('the output was closed by its reader');
  }
}

/** One problem found in a lexicon file. */
export interface LexiconProblem {
  severity: 'error' | 'warning';
  file: string;
  /** entry id (or #n when the entry has no usable id) */
  entry?: string;
  /** dotted field path inside the entry or file */
  field?: string;
  message: string;
}

export function formatProblem(p: LexiconProblem): string {
  return `${p.file}${p.entry !== undefined ? `: entry ${p.entry}` : ''}${p.field ? `: field ${p.field}` : ''}: ${p.message}`;
}

/** Lexicons that cannot be loaded: every problem, one line each. */
export class LexiconError extends WildsiftError {
  override name = 'LexiconError';
  readonly code = 'lexicon';
  readonly exitCode = 2;
  readonly problems: string[];
  constructor(problems: readonly (string | LexiconProblem)[], details: ErrorDetails = {}) {
    const lines = problems.map((p) => (typeof p === 'string' ? p : formatProblem(p)));
    super(lines.join('\n'), details);
    this.problems = lines;
  }
}

/** An error as a worker thread sends it back. */
export interface WireError {
  code?: string;
  name: string;
  message: string;
  problems?: string[];
  option?: string;
  stack?: string;
}

/** The error a worker thread sent back (its code, message and lexicon problems), as the same class. */
export function errorFromWire(w: WireError): Error {
  const details = w.option !== undefined ? { option: w.option } : {};
  switch (w.code) {
    case 'lexicon': return new LexiconError(w.problems ?? [w.message], details);
    case 'input': return new InputError(w.message, details);
    case 'usage': return new UsageError(w.message, details);
    case 'output': return new OutputError(w.message, details);
    case 'model': return new ModelError(w.message, details);
    default: {
      const e = new Error(w.message);
      e.name = w.name;
      return e;
    }
  }
}

/** What a worker thread sends back for an error. */
export function errorToWire(err: unknown): WireError {
  const e = err as Error;
  return {
    name: e.name,
    message: e.message,
    ...(e instanceof WildsiftError ? { code: e.code, ...(e.option !== undefined ? { option: e.option } : {}) } : {}),
    ...(e instanceof LexiconError ? { problems: e.problems } : {}),
    ...(e.stack ? { stack: e.stack } : {}),
  };
}
