/**
 * Keeps every scored listing for a full ranking without keeping them in
 * memory: each record's JSON goes to a temporary file, and only its score,
 * input position and place in the file stay in typed arrays (24 bytes a
 * listing). Ranking sorts that index and reads the records back in rank order.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Compact } from '../output/record.js';
import { compareRankKeys } from './rank.js';

/** Records are written to the file in blocks of this many bytes (1 MiB); a record larger than a block is written alone. */
const BLOCK = 1 << 20;

export class RankStore {
  private readonly dir: string;
  private readonly fd: number;
  private readonly blockSize: number;
  private block: Buffer;
  private used = 0;
  private written = 0;
  private n = 0;
  private scores = new Float64Array(1024);
  private orders = new Float64Array(1024);
  private offsets = new Float64Array(1024);
  private lengths = new Int32Array(1024);
  private levels: Compact['level'][] = [];
  private flagged = new Uint8Array(1024);

  constructor(opts: { dir?: string; blockSize?: number } = {}) {
    this.blockSize = opts.blockSize ?? BLOCK;
    this.block = Buffer.allocUnsafe(this.blockSize);
    this.dir = mkdtempSync(path.join(opts.dir ?? tmpdir(), 'wildsift-rank-'));
    this.fd = openSync(path.join(this.dir, 'records.jsonl'), 'w+');
  }

  get size(): number {
    return this.n;
  }

  add(c: Compact): void {
    if (this.n === this.scores.length) this.grow();
    const bytes = Buffer.byteLength(c.json);
    if (this.used + bytes > this.block.length) {
      this.flushBlock();
      // a record larger than a block gets a block of its own size; the next ones the usual size again
      if (bytes > this.block.length) this.block = Buffer.allocUnsafe(bytes);
      else if (this.block.length > this.blockSize) this.block = Buffer.allocUnsafe(this.blockSize);
    }
    this.block.write(c.json, this.used);
    this.scores[this.n] = c.score;
    this.orders[this.n] = c.order;
    this.offsets[this.n] = this.written + this.used;
    this.lengths[this.n] = bytes;
    this.levels.push(c.level);
    this.flagged[this.n] = c.flagged ? 1 : 0;
    this.used += bytes;
    this.n++;
  }

  /** The records, best first (the ranking rule of rank.ts). */
  *ranked(): Generator<Compact> {
    this.flushBlock();
    const idx = new Uint32Array(this.n);
    for (let i = 0; i < this.n; i++) idx[i] = i;
    const s = this.scores;
    const o = this.orders;
    idx.sort((a, b) => compareRankKeys(s[a]!, o[a]!, s[b]!, o[b]!));
    let buf = Buffer.allocUnsafe(64 * 1024);
    for (const i of idx) {
      const len = this.lengths[i]!;
      if (len > buf.length) buf = Buffer.allocUnsafe(len);
      readSync(this.fd, buf, 0, len, this.offsets[i]!);
      yield { order: o[i]!, score: s[i]!, level: this.levels[i]!, flagged: this.flagged[i] === 1, json: buf.toString('utf8', 0, len) };
    }
  }

  close(): void {
    try { closeSync(this.fd); } catch { /* already closed */ }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private flushBlock(): void {
    if (this.used === 0) return;
    let off = 0;
    while (off < this.used) off += writeSync(this.fd, this.block, off, this.used - off, this.written + off);
    this.written += this.used;
    this.used = 0;
  }

  private grow(): void {
    const cap = this.scores.length * 2;
    const f = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    this.scores = f(this.scores);
    this.orders = f(this.orders);
    this.offsets = f(this.offsets);
    const l = new Int32Array(cap); l.set(this.lengths); this.lengths = l;
    const g = new Uint8Array(cap); g.set(this.flagged); this.flagged = g;
  }
}
