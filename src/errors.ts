/** Errors that map to exit code 2 with a message and no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export class InputError extends Error {
  override name = 'InputError';
}
