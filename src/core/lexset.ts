/** The fingerprint of a lexicon set, written into every score record so that merge can refuse shards scored differently. Pure. */
import { fingerprint64 } from './hash.js';
import type { Lexicon } from './types.js';

/**
 * 16 hex digits over the name, version and entries of each lexicon, in load
 * order (not the file paths, which differ between machines): the same files
 * give the same id anywhere, an edited entry gives another.
 */
export function lexiconSetId(lexicons: readonly Lexicon[]): string {
  return fingerprint64([JSON.stringify(lexicons.map((l) => [l.name, l.version, l.entries]))]);
}
