/** Keeping scored listings for ranked output: all of them, or the best n in a bounded heap. Pure. */
import type { Compact } from '../output/record.js';

/** Ranking order: score descending, ties in input order. Negative when a ranks before b. */
export function compareCompact(a: Compact, b: Compact): number {
  return b.score - a.score || a.order - b.order;
}

/** The n best records seen so far, in a binary heap whose root is the worst of them. */
export class TopN {
  private readonly heap: Compact[] = [];
  constructor(readonly n: number) {}
  /** true when the record was kept */
  offer(c: Compact): boolean {
    const h = this.heap;
    if (h.length < this.n) {
      h.push(c);
      this.up(h.length - 1);
      return true;
    }
    // keep c only if it ranks before the worst kept one
    if (compareCompact(c, h[0]!) >= 0) return false;
    h[0] = c;
    this.down(0);
    return true;
  }
  /** The kept records, best first. */
  sorted(): Compact[] {
    return [...this.heap].sort(compareCompact);
  }
  get size(): number {
    return this.heap.length;
  }
  // heap order: a parent ranks after (is worse than) its children
  private worse(i: number, j: number): boolean {
    return compareCompact(this.heap[i]!, this.heap[j]!) > 0;
  }
  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worse(i, p)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.worse(l, m)) m = l;
      if (r < h.length && this.worse(r, m)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
