/**
 * Aho-Corasick automaton over UTF-16 code units, stored in typed arrays.
 *
 * Built once per lexicon set; `scan` is linear in the text length plus the
 * number of matches, whatever the text contains (no backtracking). Pure.
 */

export interface AutomatonMatch {
  /** index of the pattern in the array given to the constructor */
  pattern: number;
  /** start offset (inclusive) in the scanned text */
  start: number;
  /** end offset (exclusive) in the scanned text */
  end: number;
}

/** The automaton's typed arrays: what a compiled lexicon stores (core/compiled.ts) and rebuilds it from without recomputing. */
export interface AutomatonTables {
  sym: Uint16Array | Uint32Array;
  rootNext: Int32Array;
  transStart: Int32Array;
  transSym: Int32Array;
  transTo: Int32Array;
  fail: Int32Array;
  outStart: Int32Array;
  outPattern: Int32Array;
  patternLength: Int32Array;
}

export class Automaton {
  /** code unit -> symbol (0 = in no pattern) */
  private readonly sym: Uint16Array | Uint32Array;
  private readonly alphabet: number;
  /** dense transitions out of the root: rootNext[symbol] */
  private readonly rootNext: Int32Array;
  /** sparse transitions of other states: transStart[s]..transStart[s+1] in transSym/transTo */
  private readonly transStart: Int32Array;
  private readonly transSym: Int32Array;
  private readonly transTo: Int32Array;
  private readonly fail: Int32Array;
  /** outputs of state s (own plus inherited through failure links): outStart[s]..outStart[s+1] in outPattern */
  private readonly outStart: Int32Array;
  private readonly outPattern: Int32Array;
  private readonly patternLength: Int32Array;
  readonly patternCount: number;
  readonly stateCount: number;

  /** Builds the automaton of `patterns`, or takes over the tables of one built before (not copied). */
  constructor(patterns: readonly string[] | AutomatonTables) {
    if (!Array.isArray(patterns)) {
      const t = patterns as AutomatonTables;
      this.sym = t.sym;
      this.alphabet = t.rootNext.length;
      this.rootNext = t.rootNext;
      this.transStart = t.transStart;
      this.transSym = t.transSym;
      this.transTo = t.transTo;
      this.fail = t.fail;
      this.outStart = t.outStart;
      this.outPattern = t.outPattern;
      this.patternLength = t.patternLength;
      this.patternCount = t.patternLength.length;
      this.stateCount = t.fail.length;
      return;
    }
    patterns = patterns as readonly string[];
    this.patternCount = patterns.length;
    // alphabet
    const symMap = new Map<number, number>();
    for (const p of patterns) {
      for (let i = 0; i < p.length; i++) {
        const c = p.charCodeAt(i);
        if (!symMap.has(c)) symMap.set(c, symMap.size + 1);
      }
    }
    this.alphabet = symMap.size + 1;
    this.sym = this.alphabet < 65536 ? new Uint16Array(65536) : new Uint32Array(65536);
    for (const [c, s] of symMap) this.sym[c] = s;

    // trie with Map children during construction
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    this.patternLength = new Int32Array(patterns.length);
    patterns.forEach((p, idx) => {
      this.patternLength[idx] = p.length;
      if (p.length === 0) return;
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const a = symMap.get(p.charCodeAt(i))!;
        let t = children[s]!.get(a);
        if (t === undefined) {
          t = children.length;
          children.push(new Map());
          own.push([]);
          children[s]!.set(a, t);
        }
        s = t;
      }
      own[s]!.push(idx);
    });
    const n = children.length;
    this.stateCount = n;

    // failure links, breadth first
    const fail = new Int32Array(n);
    const order: number[] = [];
    const queue: number[] = [];
    for (const t of children[0]!.values()) { fail[t] = 0; queue.push(t); }
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q]!;
      order.push(s);
      for (const [a, t] of children[s]!) {
        let f = fail[s]!;
        while (f !== 0 && !children[f]!.has(a)) f = fail[f]!;
        const g = children[f]!.get(a);
        fail[t] = g !== undefined && g !== t ? g : 0;
        queue.push(t);
      }
    }
    this.fail = fail;

    // outputs: own plus those of the failure state (already complete in BFS order)
    const outs: number[][] = new Array(n);
    outs[0] = own[0]!;
    for (const s of order) outs[s] = own[s]!.length === 0 ? outs[fail[s]!]! : own[s]!.concat(outs[fail[s]!]!);
    this.outStart = new Int32Array(n + 1);
    let total = 0;
    for (let s = 0; s < n; s++) { this.outStart[s] = total; total += outs[s]!.length; }
    this.outStart[n] = total;
    this.outPattern = new Int32Array(total);
    for (let s = 0, k = 0; s < n; s++) for (const p of outs[s]!) this.outPattern[k++] = p;

    // transitions
    this.rootNext = new Int32Array(this.alphabet).fill(0);
    for (const [a, t] of children[0]!) this.rootNext[a] = t;
    this.transStart = new Int32Array(n + 1);
    let tt = 0;
    for (let s = 0; s < n; s++) { this.transStart[s] = tt; if (s !== 0) tt += children[s]!.size; }
    this.transStart[n] = tt;
    this.transSym = new Int32Array(tt);
    this.transTo = new Int32Array(tt);
    for (let s = 1; s < n; s++) {
      let k = this.transStart[s]!;
      for (const [a, t] of children[s]!) { this.transSym[k] = a; this.transTo[k] = t; k++; }
    }
  }

  /** The typed arrays, shared with the caller (not copied). */
  tables(): AutomatonTables {
    const { sym, rootNext, transStart, transSym, transTo, fail, outStart, outPattern, patternLength } = this;
    return { sym, rootNext, transStart, transSym, transTo, fail, outStart, outPattern, patternLength };
  }

  /**
   * Failure links followed so far, over all automata: Aho-Corasick follows at
   * most one per character scanned, which the tests check on hostile text.
   */
  static failureSteps = 0;

  private step(s: number, a: number): number {
    for (;;) {
      if (s === 0) return this.rootNext[a]!;
      const end = this.transStart[s + 1]!;
      for (let k = this.transStart[s]!; k < end; k++) if (this.transSym[k] === a) return this.transTo[k]!;
      s = this.fail[s]!;
      Automaton.failureSteps++;
    }
  }

  /** Calls `onMatch(pattern, start, end)` for every occurrence, in order of end offset. */
  scan(text: string, onMatch: (pattern: number, start: number, end: number) => void): void {
    const sym = this.sym;
    const outStart = this.outStart;
    const outPattern = this.outPattern;
    let s = 0;
    for (let i = 0, n = text.length; i < n; i++) {
      const a = sym[text.charCodeAt(i)]!;
      if (a === 0) { s = 0; continue; }
      s = this.step(s, a);
      const o0 = outStart[s]!;
      const o1 = outStart[s + 1]!;
      for (let k = o0; k < o1; k++) {
        const p = outPattern[k]!;
        onMatch(p, i + 1 - this.patternLength[p]!, i + 1);
      }
    }
  }

  /** All matches as objects (convenient for tests and small texts). */
  findAll(text: string): AutomatonMatch[] {
    const out: AutomatonMatch[] = [];
    this.scan(text, (pattern, start, end) => out.push({ pattern, start, end }));
    return out;
  }
}
