/** Pieces shared by command actions: lexicon loading, colour, messages. */
import { Chalk, type ChalkInstance } from 'chalk';
import { loadLexicons } from '../../lexicon/load.js';
import type { Lexicon } from '../../core/types.js';
import { colorLevel } from '../color.js';
import type { CliIO } from '../io.js';
import { closeSync, openSync, writeSync } from 'node:fs';
import { fileInput, streamInput, type InputSpec, type Reject, type Warning } from '../../input/read.js';
import { InputError, UsageError } from '../../errors.js';
import type { InputFlags } from '../options.js';
import type { InputOptions } from '../../app/score.js';

export function lexiconsFor(flags: { lexicon?: string[]; defaultLexicons: boolean }): Lexicon[] {
  return loadLexicons({ paths: flags.lexicon ?? [], defaults: flags.defaultLexicons });
}

export function chalkFor(io: CliIO, stream: 'stdout' | 'stderr', flag: boolean): ChalkInstance {
  return new Chalk({ level: colorLevel({ flag, isTTY: stream === 'stdout' ? io.stdoutIsTTY : io.stderrIsTTY, env: io.env }) });
}

export function warn(io: CliIO, message: string): void {
  io.stderr.write(`wildsift: warning: ${message}\n`);
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(typeof c === 'string' ? Buffer.from(c) : c);
  return Buffer.concat(parts).toString('utf8');
}

/** Input names to input specs: "-" (or no name at all) is stdin, read once. */
export function inputSpecs(names: readonly string[], io: CliIO): InputSpec[] {
  const all = names.length === 0 ? ['-'] : names;
  if (all.filter((n) => n === '-').length > 1) throw new UsageError('stdin ("-") can be read only once');
  return all.map((n) => (n === '-' ? streamInput('-', io.stdin) : fileInput(n)));
}

export interface ErrorPolicy {
  quiet?: boolean;
  onError?: 'skip' | 'fail';
  errors?: string;
  maxErrors?: number;
}

/**
 * Callbacks that report rejected records and warnings on stderr (and to the
 * --errors file), count them, and apply --on-error and --max-errors. Inputs
 * that break off (a truncated archive) are listed in `broken`: what was read
 * before is kept, and the run ends with exit 2.
 */
export function reporters(io: CliIO, policy: ErrorPolicy = {}) {
  const rejects: Reject[] = [];
  const broken: string[] = [];
  let fd: number | undefined;
  if (policy.errors) {
    try {
      fd = openSync(policy.errors, 'w');
    } catch (err) {
      throw new UsageError(`--errors ${policy.errors}: cannot write: ${(err as Error).message}`);
    }
  }
  return {
    rejects,
    broken,
    onReject: (r: Reject) => {
      rejects.push(r);
      warn(io, `${r.source}: row ${r.row}${r.line !== undefined ? ` (line ${r.line})` : ''} rejected: ${r.reason}${r.excerpt ? ` [${r.excerpt}]` : ''}`);
      if (fd !== undefined) writeSync(fd, JSON.stringify({ input: r.source, row: r.row, line: r.line ?? null, reason: r.reason, excerpt: r.excerpt ?? null }) + '\n');
      if (policy.onError === 'fail') throw new InputError(`${r.source}: row ${r.row}${r.line !== undefined ? ` (line ${r.line})` : ''}: ${r.reason} (--on-error fail)`);
      if (policy.maxErrors !== undefined && rejects.length > policy.maxErrors) throw new InputError(`more than ${policy.maxErrors} records rejected (--max-errors): stopping`);
    },
    onWarning: (w: Warning) => {
      if (!policy.quiet) warn(io, `${w.source}: ${w.message}`);
    },
    onBroken: (source: string, message: string) => {
      broken.push(source);
      io.stderr.write(`wildsift: error: ${source}: ${message}\n`);
      if (policy.onError === 'fail') throw new InputError(`${source}: ${message} (--on-error fail)`);
    },
    close: () => {
      if (fd !== undefined) closeSync(fd);
    },
  };
}

/** The input options of a command's flags, for the app layer. */
export function inputOptionsFrom(flags: InputFlags): Omit<InputOptions, 'onReject' | 'onWarning' | 'onBroken'> {
  return {
    ...(flags.inputFormat ? { format: flags.inputFormat } : {}),
    ...(flags.delimiter ? { delimiter: flags.delimiter } : {}),
    ...(flags.text ? { text: flags.text } : {}),
    ...(flags.id ? { id: flags.id } : {}),
    ...(flags.encoding ? { encoding: flags.encoding } : {}),
    maxFieldSize: flags.maxFieldSize,
  };
}

/** reporters() with the error policy of a command's flags. */
export function reportersFor(io: CliIO, flags: InputFlags & { quiet?: boolean }, quietWarnings = flags.quiet === true) {
  return reporters(io, {
    ...(quietWarnings ? { quiet: true } : {}),
    onError: flags.onError,
    ...(flags.errors ? { errors: flags.errors } : {}),
    ...(flags.maxErrors !== undefined ? { maxErrors: flags.maxErrors } : {}),
  });
}
