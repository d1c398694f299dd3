/** Pieces shared by command actions: lexicon loading, colour, messages. */
import { Chalk, type ChalkInstance } from 'chalk';
import { loadLexicons } from '../../lexicon/load.js';
import type { Lexicon } from '../../core/types.js';
import { colorLevel } from '../color.js';
import type { CliIO } from '../io.js';

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
