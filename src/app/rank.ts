/**
 * The ranking rule, written once: the score as written (descending), then
 * input order. Every ranking (score, the spill store, --top, merge, eval,
 * diff, report) sorts with it. Pure.
 */

/** What ranking needs of a record: its written score and its position in the input. */
export interface Rankable {
  score: number;
  order: number;
}

/** Negative when (scoreA, orderA) ranks before (scoreB, orderB). */
export function compareRankKeys(scoreA: number, orderA: number, scoreB: number, orderB: number): number {
  return scoreB - scoreA || orderA - orderB;
}

/** Negative when a ranks before b. */
export function compareRank(a: Rankable, b: Rankable): number {
  return compareRankKeys(a.score, a.order, b.score, b.order);
}

/** The n best records seen so far, in a binary heap whose root is the worst of them. */
export class TopN<T extends Rankable> {
  private readonly heap: T[] = [];
  constructor(readonly n: number) {}
  /** true when the record was kept */
  offer(c: T): boolean {
    const h = this.heap;
    if (h.length < this.n) {
      h.push(c);
      this.up(h.length - 1);
      return true;
    }
    // keep c only if it ranks before the worst kept one
    if (compareRank(c, h[0]!) >= 0) return false;
    h[0] = c;
    this.down(0);
    return true;
  }
  /** The kept records, best first. */
  sorted(): T[] {
    return [...this.heap].sort(compareRank);
  }
  get size(): number {
    return this.heap.length;
  }
  // heap order: a parent ranks after (is worse than) its children
  private worse(i: number, j: number): boolean {
    return compareRank(this.heap[i]!, this.heap[j]!) > 0;
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
