/**
 * Near-duplicate groups, assigned online in input order: a listing joins the
 * group of an earlier listing whose SimHash is at most `maxDistance` bits
 * away, found through locality-sensitive hashing (the 64 bits cut into
 * maxDistance + 1 bands: two hashes that close agree on at least one band).
 * Work per listing is bounded, so the whole pass is linear in the input;
 * memory is typed arrays: about 8 + 4 + 4 x bands bytes a listing, plus one
 * fixed table per band.
 */
import { hamming } from '../core/simhash.js';

/** Earlier listings looked at per band value: spam that repeats a band thousands of times stays cheap. */
const BUCKET_LIMIT = 32;
export const MIN_DISTANCE = 2;
export const MAX_DISTANCE = 15;

export class NearDuplicates {
  private readonly bands: number;
  private readonly width: number;
  /** per band: band value -> last listing index + 1 with it (0 = none) */
  private readonly heads: Int32Array[];
  /** per band: listing index -> previous listing index + 1 with the same band value */
  private nexts: Int32Array[];
  private hashes = new Uint32Array(2048);
  private groups = new Int32Array(1024);
  private n = 0;
  private nextGroup = 1;

  constructor(readonly maxDistance = 3) {
    if (maxDistance < MIN_DISTANCE || maxDistance > MAX_DISTANCE) throw new RangeError(`distance must be ${MIN_DISTANCE} to ${MAX_DISTANCE}`);
    this.bands = maxDistance + 1;
    this.width = Math.floor(64 / this.bands);
    this.heads = Array.from({ length: this.bands }, () => new Int32Array(1 << this.width));
    this.nexts = Array.from({ length: this.bands }, () => new Int32Array(1024));
  }

  private band(hi: number, lo: number, b: number): number {
    let v = 0;
    for (let k = 0; k < this.width; k++) {
      const bit = b * this.width + k;
      const word = bit < 32 ? lo : hi;
      v = (v << 1) | ((word >>> (bit & 31)) & 1);
    }
    return v >>> 0;
  }

  private grow(): void {
    const cap = this.groups.length * 2;
    const g = new Int32Array(cap); g.set(this.groups); this.groups = g;
    const h = new Uint32Array(cap * 2); h.set(this.hashes); this.hashes = h;
    this.nexts = this.nexts.map((a) => { const b = new Int32Array(cap); b.set(a); return b; });
  }

  /** The group number (1-based, in order of first appearance) of the next listing. */
  assign(h: readonly [number, number]): number {
    const i = this.n;
    if (i === this.groups.length) this.grow();
    let group = 0;
    if (h[0] !== 0 || h[1] !== 0) {
      for (let b = 0; b < this.bands; b++) {
        const key = this.band(h[0], h[1], b);
        const heads = this.heads[b]!;
        const nexts = this.nexts[b]!;
        let seen = 0;
        for (let j = heads[key]! - 1; j >= 0 && seen < BUCKET_LIMIT; j = nexts[j]! - 1, seen++) {
          const g = this.groups[j]!;
          if ((group === 0 || g < group) && hamming(h, [this.hashes[2 * j]!, this.hashes[2 * j + 1]!]) <= this.maxDistance) group = g;
        }
        nexts[i] = heads[key]!;
        heads[key] = i + 1;
      }
    }
    if (group === 0) group = this.nextGroup++;
    this.hashes[2 * i] = h[0];
    this.hashes[2 * i + 1] = h[1];
    this.groups[i] = group;
    this.n++;
    return group;
  }

  get groupCount(): number {
    return this.nextGroup - 1;
  }
}
