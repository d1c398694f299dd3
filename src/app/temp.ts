/**
 * Temporary files and folders of a run (the spill store, an output file being
 * written), tracked so that whoever stops the run early (the CLI on SIGINT or
 * SIGTERM) can remove them all at once.
 */
import { rmSync } from 'node:fs';

const live = new Set<string>();

/** Tracks a temporary path; the returned function stops tracking it (call it once the path is removed or renamed). */
export function trackTemp(p: string): () => void {
  live.add(p);
  return () => { live.delete(p); };
}

/** Removes every tracked temporary path now (synchronous: safe in a signal handler). */
export function removeTemps(): void {
  for (const p of live) {
    try { rmSync(p, { recursive: true, force: true }); } catch { /* best effort */ }
  }
  live.clear();
}
