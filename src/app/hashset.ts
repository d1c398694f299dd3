/**
 * A set of strings kept as 64-bit hashes in a typed-array hash table: 16 bytes
 * a member, so looking for duplicate ids stays small on millions of listings.
 * Two different strings collide with probability about n^2 / 2^65.
 */
import { fnv1a } from '../core/hash.js';
export class HashSet64 {
  private table = new Uint32Array(2 * 1024);
  private size = 0;
  /** members (each counted once) */
  get count(): number { return this.size; }

  /** Adds s; false when it was there already. */
  add(s: string): boolean {
    let a = fnv1a(s, 0x811c9dc5);
    // never 0 (0,0 marks an empty slot); >>> 0 because | gives a signed number, which never equalled
    // the unsigned one read back from the table: half the ids were never found again
    const b = (fnv1a(s, 0x9747b28c) | 1) >>> 0;
    if (a === 0) a = 1;
    if ((this.size + 1) * 2 > this.table.length / 2) this.grow();
    return this.insert(a, b);
  }

  /** Whether s is a member. */
  has(s: string): boolean {
    let a = fnv1a(s, 0x811c9dc5);
    const b = (fnv1a(s, 0x9747b28c) | 1) >>> 0;
    if (a === 0) a = 1;
    const t = this.table;
    const mask = t.length / 2 - 1;
    for (let i = (a ^ Math.imul(b, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      if (t[2 * i] === 0 && t[2 * i + 1] === 0) return false;
      if (t[2 * i] === a && t[2 * i + 1] === b) return true;
    }
  }

  private insert(a: number, b: number): boolean {
    const t = this.table;
    const mask = t.length / 2 - 1;
    for (let i = (a ^ Math.imul(b, 0x9e3779b1)) & mask; ; i = (i + 1) & mask) {
      if (t[2 * i] === 0 && t[2 * i + 1] === 0) {
        t[2 * i] = a;
        t[2 * i + 1] = b;
        this.size++;
        return true;
      }
      if (t[2 * i] === a && t[2 * i + 1] === b) return false;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    this.size = 0;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0 || old[i + 1] !== 0) this.insert(old[i]!, old[i + 1]!);
  }
}
