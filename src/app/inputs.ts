/** Input names to the input specs the readers take; the run's input log is app/inputlog.ts. */
import { InputError, UsageError } from '../core/errors.js';
import { fileInput, streamInput, type InputSpec } from '../input/read.js';
import type { Readable } from 'node:stream';

export { InputLog, type ErrorPolicy, type InputReporter } from './inputlog.js';

/** Input names to input specs: "-" (or no name at all) is the given stdin, which can be read once. */
export function inputSpecs(names: readonly string[], stdin: Readable): InputSpec[] {
  const all = names.length === 0 ? ['-'] : names;
  if (all.filter((n) => n === '-').length > 1) throw new InputError('stdin ("-") can be read only once');
  if (all.includes('')) throw new UsageError('an input name is empty');
  return all.map((n) => (n === '-' ? streamInput('-', stdin) : fileInput(n)));
}
