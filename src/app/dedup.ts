/**
 * Near-duplicate groups, assigned online in input order: a listing joins the
 * group of an earlier listing whose SimHash is at most `maxDistance` bits
 * away, found through locality-sensitive hashing (the 64 bits cut into
 * maxDistance + 1 bands: two hashes that close agree on at least one band).
 * Work per listing is bounded, so the whole pass is linear in the input;
 * memory grows by about 100 bytes a listing (hashes and band buckets).
 */
import { hamming } from '../core/simhash.js';

/** Earlier listings looked at per band bucket: spam that repeats a band thousands of times stays cheap. */
const BUCKET_LIMIT = 32;

export class NearDuplicates {
  private readonly bands: number;
  private readonly width: number;
  private readonly buckets: Map<number, number[]>[];
  private hashes = new Uint32Array(2048);
  private groups = new Int32Array(1024);
  private n = 0;
  private nextGroup = 1;
  /** listings per group, by group number */
  readonly sizes = new Map<number, number>();

  constructor(readonly maxDistance = 3) {
    this.bands = Math.min(16, maxDistance + 1);
    this.width = Math.floor(64 / this.bands);
    this.buckets = Array.from({ length: this.bands }, () => new Map());
  }

  private band(h: readonly [number, number], b: number): number {
    // bits [b*width, (b+1)*width) of the 64-bit value hi:lo
    let v = 0;
    for (let k = 0; k < this.width; k++) {
      const bit = b * this.width + k;
      const word = bit < 32 ? h[1] : h[0];
      v = v * 2 + ((word >>> (bit % 32)) & 1);
    }
    return v * 16 + b;
  }

  /** The group number (1-based, in order of first appearance) of the next listing. */
  assign(h: [number, number]): number {
    const i = this.n;
    if (i === this.groups.length) {
      const g = new Int32Array(i * 2); g.set(this.groups); this.groups = g;
      const hs = new Uint32Array(i * 4); hs.set(this.hashes); this.hashes = hs;
    }
    let group = 0;
    if (h[0] !== 0 || h[1] !== 0) {
      const keys: number[] = [];
      for (let b = 0; b < this.bands; b++) {
        const key = this.band(h, b);
        keys.push(key);
        const list = this.buckets[b]!.get(key);
        if (!list) continue;
        for (const j of list) {
          const g = this.groups[j]!;
          if ((group === 0 || g < group) && hamming(h, [this.hashes[2 * j]!, this.hashes[2 * j + 1]!]) <= this.maxDistance) group = g;
        }
      }
      keys.forEach((key, b) => {
        const m = this.buckets[b]!;
        const list = m.get(key);
        if (!list) m.set(key, [i]);
        else if (list.length < BUCKET_LIMIT) list.push(i);
      });
    }
    if (group === 0) group = this.nextGroup++;
    this.hashes[2 * i] = h[0];
    this.hashes[2 * i + 1] = h[1];
    this.groups[i] = group;
    this.n++;
    this.sizes.set(group, (this.sizes.get(group) ?? 0) + 1);
    return group;
  }

  get groupCount(): number {
    return this.nextGroup - 1;
  }
}
