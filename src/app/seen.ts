/**
 * The listings a monitoring job has scored before (score --seen): a text file
 * of content keys (core/baseline.ts contentKey), one per line, appended to by
 * each run. A key covers the lexicon set too, so new lexicons score every
 * listing again.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { InputError, OutputError } from '../core/errors.js';
import { HashSet64 } from './hashset.js';

const KEY = /^[0-9a-f]{16}$/;

/** The keys of a seen file (an absent file: none yet). A line that is not a key is an error naming it. */
export function readSeen(file: string): HashSet64 {
  const keys = new HashSet64();
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return keys;
    throw new InputError(`${file}: cannot read the seen file: ${(err as Error).message}`, { option: 'seen' });
  }
  let n = 0;
  for (const line of text.split('\n')) {
    n++;
    const k = line.trim();
    if (k === '') continue;
    if (!KEY.test(k)) throw new InputError(`${file}: line ${n}: not a wildsift content key (16 hex digits): is this the seen file of --seen?`, { option: 'seen' });
    keys.add(k);
  }
  return keys;
}

/** Appends the new keys (after the run's output is written). */
export function appendSeen(file: string, keys: readonly string[]): void {
  if (keys.length === 0) return;
  try {
    appendFileSync(file, keys.join('\n') + '\n');
  } catch (err) {
    throw new OutputError(`${file}: cannot append to the seen file: ${(err as Error).message}`, { option: 'seen' });
  }
}
