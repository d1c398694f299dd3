/**
 * Whether to colour output. chalk alone ignores NO_COLOR, so decide here:
 * --no-color or a non-empty NO_COLOR turn colour off; FORCE_COLOR (not "0")
 * turns it on; otherwise colour only when the stream is a terminal.
 */
export function colorLevel(opts: { flag?: boolean; isTTY: boolean; env: Record<string, string | undefined> }): 0 | 1 {
  if (opts.flag === false) return 0;
  if (opts.env.NO_COLOR !== undefined && opts.env.NO_COLOR !== '') return 0;
  const force = opts.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force === '0' || force === 'false' ? 0 : 1;
  return opts.isTTY ? 1 : 0;
}
