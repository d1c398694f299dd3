/** Pieces shared by command actions: lexicon loading, colour, messages. */
import { Chalk, type ChalkInstance } from 'chalk';
import { loadLexicons } from '../../lexicon/load.js';
import type { Lexicon } from '../../core/types.js';
import { colorLevel } from '../color.js';
import type { CliIO } from '../io.js';
import { fileInput, streamInput, type InputSpec, type Reject, type Warning } from '../../input/read.js';
import { UsageError } from '../../errors.js';

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

/** Callbacks that report rejected rows and warnings on stderr, and count the rejects. */
export function reporters(io: CliIO, quiet = false): { rejects: Reject[]; onReject: (r: Reject) => void; onWarning: (w: Warning) => void } {
  const rejects: Reject[] = [];
  return {
    rejects,
    onReject: (r) => {
      rejects.push(r);
      if (!quiet) warn(io, `${r.source}: row ${r.row}${r.line !== undefined ? ` (line ${r.line})` : ''} rejected: ${r.reason}`);
    },
    onWarning: (w) => {
      if (!quiet) warn(io, `${w.source}: ${w.message}`);
    },
  };
}
