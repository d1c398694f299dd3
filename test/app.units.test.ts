// Unit tests of the middle layer: the ranking rule, TopN, the spill store,
// near-duplicate groups, the writers, and the app's score and merge runs on
// in-memory inputs and an in-memory sink.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { compareRank, compareRankKeys, TopN, type Rankable } from '../src/app/rank.js';
import { RankStore } from '../src/app/spill.js';
import { NearDuplicates } from '../src/app/dedup.js';
import { InputLog, type InputReporter } from '../src/app/inputs.js';
import { scoreListings, type ScoreRun } from '../src/app/score.js';
import { mergeScored } from '../src/app/merge.js';
import type { TextSink } from '../src/app/sink.js';
import { csvWriter, jsonlWriter, jsonWriter, writerFor } from '../src/output/writers.js';
import type { Compact } from '../src/output/record.js';
import type { InputSpec } from '../src/input/read.js';
import { simhash } from '../src/core/simhash.js';
import { countTokens, tokensWithin } from '../src/core/near.js';
import { textFingerprint } from '../src/core/baseline.js';
import { fnv1a } from '../src/core/hash.js';
import { normalizeText } from '../src/core/normalize.js';

const MINI = { paths: ['test/fixtures/lexicons/mini.yaml'], defaults: false };

/** A plain sort by the README's rule: score descending, then input order. */
const plain = <T extends Rankable>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.score !== b.score ? (a.score > b.score ? -1 : 1) : a.order - b.order));

// scores as written: four decimals, with many ties
const arbScore = fc.integer({ min: 0, max: 40 }).map((k) => Math.round((k / 40) * 1e4) / 1e4);
const arbItems = fc.array(arbScore, { maxLength: 300 }).map((scores) => scores.map((score, order) => ({ score, order })));

describe('the ranking rule', () => {
  it('orders like a plain sort by score then input order', () => {
    fc.assert(fc.property(arbItems, (items) => {
      const shuffled = [...items].reverse();
      expect(shuffled.sort(compareRank)).toEqual(plain(items));
    }));
  });
  it('is antisymmetric and zero only for the same key', () => {
    fc.assert(fc.property(arbScore, fc.nat(50), arbScore, fc.nat(50), (s1, o1, s2, o2) => {
      const ab = compareRankKeys(s1, o1, s2, o2);
      const ba = compareRankKeys(s2, o2, s1, o1);
      expect(Math.sign(ab) === -Math.sign(ba)).toBe(true);
      expect(ab === 0).toBe(s1 === s2 && o1 === o2);
    }));
  });
  it('TopN keeps exactly the head of the full ranking', () => {
    fc.assert(fc.property(arbItems, fc.integer({ min: 1, max: 50 }), (items, n) => {
      const top = new TopN<{ score: number; order: number }>(n);
      for (const x of items) top.offer(x);
      expect(top.sorted()).toEqual(plain(items).slice(0, n));
      expect(top.size).toBe(Math.min(n, items.length));
    }));
  });
});

function compact(order: number, score: number, json: string): Compact {
  return { order, score, level: score >= 0.5 ? 'high' : 'none', flagged: score >= 0.5, json };
}

describe('RankStore (the spill store)', () => {
  it('reads every record back in rank order, records larger than a block included', () => {
    const store = new RankStore({ blockSize: 64 });
    try {
      const records: Compact[] = [];
      for (let i = 0; i < 200; i++) {
        // every 7th record is several blocks long; text with multi-byte characters
        const text = i % 7 === 0 ? '象牙'.repeat(100 + i) : `row ${i}`;
        records.push(compact(i, Math.round(((i * 37) % 11) / 11 * 1e4) / 1e4, JSON.stringify({ id: String(i), text })));
      }
      for (const r of records) store.add(r);
      expect(store.size).toBe(200);
      const back = [...store.ranked()];
      expect(back).toEqual(plain(records));
      // and again: the index is not consumed
      expect([...store.ranked()].map((r) => r.order)).toEqual(back.map((r) => r.order));
    } finally {
      store.close();
    }
  });
  it('holds nothing when empty', () => {
    const store = new RankStore({ blockSize: 16 });
    expect([...store.ranked()]).toEqual([]);
    store.close();
  });
});

/** SimHash as first written: the whole text normalized at once, bit by bit (what the faster one must equal). */
function simhashReference(text: string): [number, number] {
  const fmix = (h: number) => {
    h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b); h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35); h ^= h >>> 16;
    return h >>> 0;
  };
  const v = new Int32Array(64);
  const seen = new Set<string>();
  for (const w of normalizeText(text).split(' ')) {
    if (w.length === 0 || seen.has(w) || /[0-9]/.test(w)) continue;
    seen.add(w);
    const lo = fnv1a(w);
    const hi = fmix(lo ^ 0x9747b28c);
    for (let b = 0; b < 32; b++) { v[b]! += ((lo >>> b) & 1) * 2 - 1; v[32 + b]! += ((hi >>> b) & 1) * 2 - 1; }
    if (seen.size === 64) break;
  }
  if (seen.size === 0) return [0, 0];
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) { if (v[b]! > 0) lo |= 1 << b; if (v[32 + b]! > 0) hi |= 1 << b; }
  return [hi >>> 0, lo >>> 0];
}

describe('simhash', () => {
  it('equals the whole-text reference on long texts cut into pieces at spaces', () => {
    const word = fc.oneof(fc.constantFrom('ivory', 'Ngà', 'voi', '象牙', 'e\u0301', ' \u0301', 'x1', '#tag', '🐘', '\t', '  '), fc.string({ maxLength: 12 }), fc.stringMatching(/^[a-zà-ỹ]{1,9}$/));
    fc.assert(fc.property(fc.array(word, { maxLength: 700 }), fc.constantFrom(' ', '  ', '\n', ', '), (words, sep) => {
      const text = words.join(sep);
      expect(simhash(text)).toEqual(simhashReference(text));
    }), { numRuns: 300 });
    // few distinct words over thousands of characters: every piece is read
    const few = fc.constantFrom('ivory', 'Ngà', 'voi', '象牙', 'e\u0301', ' \u0301', 'x1', '#tag', '🐘', 'bangle', 'Đồi', 'mồi', 'hawksbill');
    fc.assert(fc.property(fc.array(few, { minLength: 300, maxLength: 1500 }), (words) => {
      const text = words.join(' ');
      expect(text.length).toBeGreaterThan(1024);
      expect(simhash(text)).toEqual(simhashReference(text));
    }), { numRuns: 100 });
  });
});

describe('tokensWithin', () => {
  it('counts the tokens starting in a span as the difference of the counts up to its ends, or Infinity past the limit', () => {
    const piece = fc.constantFrom('ivory', ' ', '象牙', 'ช้าง', '12', ', ', 'Ngà', '-', '🐘', 'a1b', '\n');
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 6 }), (pieces, x, y, limit) => {
      const text = pieces.join('');
      const from = text.length === 0 ? 0 : x % (text.length + 1);
      const to = text.length === 0 ? 0 : y % (text.length + 1);
      const ref = to <= from ? 0 : countTokens(text.slice(0, to)) - countTokens(text.slice(0, from));
      expect(tokensWithin(text, from, to, limit)).toBe(ref <= limit ? ref : Infinity);
    }), { numRuns: 2000 });
  });
});

describe('textFingerprint', () => {
  it('is the two FNV-1a hashes of the fields joined by a line break', () => {
    const hex = (n: number) => n.toString(16).padStart(8, '0');
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 30, unit: 'binary' }), { maxLength: 5 }), (fields) => {
      const text = fields.join('\n');
      expect(textFingerprint(fields)).toBe(hex(fnv1a(text)) + hex(fnv1a(text, 0x9e3779b9)));
    }), { numRuns: 1000 });
    expect(textFingerprint(['a', 'b'])).toBe(textFingerprint(['a\nb']));
  });
});

describe('NearDuplicates', () => {
  const h = (s: string) => simhash(s);
  it('groups near-identical texts and numbers groups in order of first appearance', () => {
    const d = new NearDuplicates(3);
    const a = 'Genuine old carved ivory bangle, 62 mm, collection only, message me on WhatsApp';
    const b = 'Genuine old carved ivory bangle, 62 mm, collection only, message me on WhatsApp!';
    const c = 'Tiger Balm red ointment 19.4 g, sealed, ships from Singapore in two days';
    expect([d.assign(h(a)), d.assign(h(c)), d.assign(h(b)), d.assign(h(a))]).toEqual([1, 2, 1, 1]);
    expect(d.groupCount).toBe(2);
  });
  it('finds every pair within the distance (checked against all pairs)', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 63 }), { maxLength: 3 }), (seeds, flips) => {
      const d = new NearDuplicates(3);
      const hashes: [number, number][] = [];
      for (const [hi, lo] of seeds) {
        hashes.push([hi >>> 0 || 1, lo >>> 0]);
        // a copy with up to 3 bits flipped: within the distance, so it must join a group already seen
        const [x, y] = hashes[hashes.length - 1]!;
        let fx = x;
        let fy = y;
        for (const b of flips) if (b < 32) fy ^= 1 << b; else fx ^= 1 << (b - 32);
        hashes.push([fx >>> 0, fy >>> 0]);
      }
      const groups = hashes.map((x) => d.assign(x));
      for (let i = 1; i < hashes.length; i += 2) expect(groups[i]).toBeLessThanOrEqual(groups[i - 1]!);
      // groups appear in order: each new group number is one more than the largest so far
      let max = 0;
      for (const g of groups) {
        expect(g).toBeLessThanOrEqual(max + 1);
        max = Math.max(max, g);
      }
    }));
  });
  it('refuses distances it cannot index', () => {
    expect(() => new NearDuplicates(1)).toThrow(RangeError);
    expect(() => new NearDuplicates(16)).toThrow(RangeError);
  });
});

const RECORD = { group: 3, id: 'L1', source: 'in.csv', row: 1, score: 0.81, raw: 2.1, level: 'high', flagged: true, products: ['ivory'], hits: [{ entry: 'x.ivory', kind: 'product', field: 'title', match: 'ivory', contribution: 0.8 }, { entry: 'x.sale', kind: 'trade_signal', field: 'title', match: '=SUM(A1)', contribution: 0 }], fields: { title: '=HYPERLINK("x")', price: 120 } };

describe('writers', () => {
  const c = compact(0, 0.81, JSON.stringify(RECORD));
  const run = (w: ReturnType<typeof jsonlWriter>, rows: Compact[]) => w.begin() + rows.map((r, i) => w.write(r, i + 1)).join('') + w.end();
  it('jsonl: one record a line, the rank first', () => {
    const out = run(jsonlWriter(), [c, c]);
    expect(out.split('\n')).toHaveLength(3);
    expect(JSON.parse(out.split('\n')[1]!)).toEqual({ rank: 2, ...RECORD });
    expect(out.startsWith('{"rank":1,"group":3,')).toBe(true);
  });
  it('json: an array, and [] when empty', () => {
    expect(JSON.parse(run(jsonWriter(), [c, c]))).toEqual([{ rank: 1, ...RECORD }, { rank: 2, ...RECORD }]);
    expect(run(jsonWriter(), [])).toBe('[]\n');
  });
  it('csv: fixed columns, kept fields, formula cells neutralized unless asked', () => {
    const rows = parse(run(csvWriter(['title', 'price', 'score']), [c]), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ rank: '1', group: '3', id: 'L1', score: '0.81', flagged: 'true', products: 'ivory', terms: 'ivory', title: `'=HYPERLINK("x")`, price: '120' });
    // a kept field named like a fixed column is prefixed
    expect(Object.keys(rows[0]!)).toContain('input.score');
    const raw = parse(run(csvWriter(['title'], { formulas: true }), [c]), { columns: true }) as Record<string, string>[];
    expect(raw[0]!.title).toBe('=HYPERLINK("x")');
  });
  it('writerFor picks the writer of a format', () => {
    expect(run(writerFor('jsonl'), [c])).toBe(run(jsonlWriter(), [c]));
    expect(run(writerFor('csv', { fieldNames: ['title'] }), [c])).toBe(run(csvWriter(['title']), [c]));
  });
});

/** A sink that keeps what is written. */
function memorySink(): TextSink & { text: () => string } {
  let s = '';
  return { write: async (chunk: string) => { s += chunk; }, flush: async () => {}, text: () => s };
}

function memoryInput(name: string, text: string): InputSpec {
  return { name, open: () => Readable.from([Buffer.from(text)]) };
}

function quietLog(): InputLog & { messages: string[] } {
  const messages: string[] = [];
  const reporter: InputReporter = {
    reject: (r) => messages.push(`reject ${r.source}:${r.row} ${r.reason}`),
    warning: (w) => messages.push(`warning ${w.source} ${w.message}`),
    broken: (s, m) => messages.push(`broken ${s} ${m}`),
  };
  return Object.assign(new InputLog(reporter), { messages });
}

const LISTINGS = [
  { id: 'a', title: 'Carved ivory bangle, old, WhatsApp me for price' },
  { id: 'b', title: 'Ivory-coloured silk wedding dress, size 10' },
  { id: 'c', title: 'Antique elephant ivory netsuke, cash only' },
  { id: 'd', title: 'Bone china tea set, 12 pieces' },
];

const RUN: ScoreRun = { read: {}, lexicons: MINI, threshold: 0.5, keep: ['title'], format: 'jsonl', writer: {}, sort: true, flaggedOnly: false, jobs: 1 };

describe('scoreListings and mergeScored (in memory)', () => {
  it('scores, ranks and accounts for every row, reporting a bad one with its row', async () => {
    const text = LISTINGS.map((l) => JSON.stringify(l)).join('\n') + '\n{"id": "broken",\n';
    const log = quietLog();
    const sink = memorySink();
    const s = await scoreListings([memoryInput('mem.jsonl', text)], { ...RUN, read: { format: 'jsonl' } }, log, sink);
    const out = sink.text().trim().split('\n').map((l) => JSON.parse(l) as { rank: number; id: string; score: number; row: number });
    expect(s.scored).toBe(4);
    expect(log.rejected).toBe(1);
    expect(log.messages).toEqual([expect.stringMatching(/^reject mem\.jsonl:5 /)]);
    expect(out.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
    expect(out).toEqual(plain(out.map((r) => ({ ...r, order: r.row }))).map(({ order: _o, ...r }) => r));
    expect(s.flagged).toBe(out.filter((r) => r.score >= 0.5).length);
    expect(s.written).toBe(4);
  });
  it('merging shards scored apart gives the single run, byte for byte', async () => {
    const lines = LISTINGS.map((l) => JSON.stringify(l));
    const single = memorySink();
    await scoreListings([memoryInput('all.jsonl', lines.join('\n'))], { ...RUN, read: { format: 'jsonl' } }, quietLog(), single);
    const shards: InputSpec[] = [];
    for (const [i, part] of [lines.slice(0, 2), lines.slice(2)].entries()) {
      const sink = memorySink();
      await scoreListings([memoryInput(`s${i}.jsonl`, part.join('\n'))], { ...RUN, read: { format: 'jsonl' }, sort: i === 0 }, quietLog(), sink);
      shards.push(memoryInput(`s${i}.out.jsonl`, sink.text()));
    }
    const merged = memorySink();
    const m = await mergeScored(shards, { format: 'jsonl', writer: {} }, quietLog(), merged);
    expect(m).toEqual({ records: 4, written: 4, repeated: 0 });
    // source and row name the shard; everything else is the single run's
    const strip = (t: string) => t.trim().split('\n').map((l) => { const { source: _s, row: _r, group: _g, ...x } = JSON.parse(l) as Record<string, unknown>; return x; });
    expect(strip(merged.text())).toEqual(strip(single.text()));
  });
});
