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
import { describeErrno, OutputError } from '../core/errors.js';
import { compareRankKeys } from './rank.js';
import { trackTemp } from './temp.js';

/** Records are written to the file in blocks of this many bytes (1 MiB); a record larger than a block is written alone. */
const BLOCK = 1 << 20;

export class RankStore {
  private readonly dir: string;
  private readonly fd: number;
  private readonly blockSize: number;
  private readonly untrack: () => void;
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
    const base = opts.dir ?? tmpdir();
    try {
      this.dir = mkdtempSync(path.join(base, 'wildsift-rank-'));
      this.fd = openSync(path.join(this.dir, 'records.jsonl'), 'w+');
    } catch (err) {
      throw spillError(base, err);
    }
    this.untrack = trackTemp(this.dir);
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
    this.untrack();
  }

  private flushBlock(): void {
    if (this.used === 0) return;
    let off = 0;
    try {
      while (off < this.used) off += writeSync(this.fd, this.block, off, this.used - off, this.written + off);
    } catch (err) {
      throw spillError(this.dir, err);
    }
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

/** A temporary folder that cannot be used: which one, why, and what to do. */
function spillError(dir: string, err: unknown): OutputError {
  return new OutputError(`temporary folder ${dir}: cannot write the ranking's spill file: ${describeErrno(err as Error)}; set TMPDIR to a folder with free space (output in input order, or of only the top listings, needs no spill file)`);
}
