/**
 * Compiles lexicon entries into automata and finds hits in listing text.
 * Pure: no I/O.
 *
 * Three passes over each field, each linear in the text:
 *   1. the normalized text (NFKC, case, diacritics and Traditional Chinese
 *      folded) against every term: exact, diacritics and traditional hits;
 *   2. the de-obfuscated text (deobfuscate.ts) against squeezed terms and
 *      run-together multiword terms: separators, lookalike and hashtag hits,
 *      kept only where undoing a trick made the term appear;
 *   3. words of 7+ letters one edit (Damerau-Levenshtein, natural) away from a
 *      single-word term of 8+ letters: fuzzy hits.
 * Inflected forms are listed in the lexicons rather than found by stemming:
 * natural's Porter stemmers conflated "talla" (size) with "tallado" (carved)
 * and "scale" with "scales" on the sample listings (see docs/matching.md).
 * A later pass never repeats a hit of an earlier one for the same entry.
 */
import { createRequire } from 'node:module';
import { Automaton, type AutomatonTables } from './automaton.js';
import { CharClass, charClass, normalizeText, normalizeTransient } from './normalize.js';
import { deobfuscate, squeeze, F_LOOKALIKE, F_REPEAT, F_SEPARATOR } from './deobfuscate.js';
import { simplify } from './script.js';
import { TRANSFORMS, type FieldRole, type Hit, type Lexicon, type LexiconEntry, type Transform } from './types.js';

/** Weight factor per transform: evasion and approximation weigh a little less than an exact hit. */
export const TRANSFORM_FACTOR: Record<Transform, number> = {
  exact: 1,
  diacritics: 0.9,
  traditional: 1,
  separators: 0.9,
  lookalike: 0.9,
  hashtag: 1,
  fuzzy: 0.7,
  emoji: 1,
};

/** Fuzzy matching only for terms this long (and words one shorter). */
export const FUZZY_MIN_TERM = 8;

interface TermRef {
  /** index in the matcher's list of refs (what the compiled tables point at) */
  index: number;
  entry: LexiconEntry;
  lang: string;
  term: string;
  /** normalized without folding, and with diacritics folded only */
  exact: string;
  light: string;
  emoji: boolean;
  /** class of the term's first and last character: a neighbour of the same class (letter or digit) means no word boundary */
  startClass: CharClass;
  endClass: CharClass;
  /** pass-2 pattern written without its spaces (run-together words) */
  spaceless?: boolean;
}

/** Columns of a term ref in MatcherTables.refColumns: entry index, then string indexes and classes. */
export const REF_COLUMNS = 9;
const R_ENTRY = 0, R_LANG = 1, R_TERM = 2, R_EXACT = 3, R_LIGHT = 4, R_FUZZY = 5, R_FLAGS = 6, R_START = 7, R_END = 8;
const RF_EMOJI = 1, RF_SPACELESS = 2;

/**
 * What building a Matcher computes from its lexicons, as data: the term refs
 * (REF_COLUMNS integers each: the entry by its index in the lexicons' entry
 * order, strings by index in refStrings, -1 for none), both automata, which
 * refs each pattern stands for, and the folded form of the fuzzy terms.
 * `core/compiled.ts` writes it to bytes and reads it back; a Matcher built
 * from it matches exactly as one built from the lexicons (tested).
 */
export interface MatcherTables {
  refStrings: string[];
  refColumns: Int32Array;
  exact: AutomatonTables;
  /** refs of pattern p: exactRefIndex[exactRefStart[p] .. exactRefStart[p + 1]] */
  exactRefStart: Int32Array;
  exactRefIndex: Int32Array;
  deob: AutomatonTables;
  deobRefStart: Int32Array;
  deobRefIndex: Int32Array;
}

function flatten(groups: readonly TermRef[][]): { start: Int32Array; index: Int32Array } {
  const start = new Int32Array(groups.length + 1);
  let n = 0;
  groups.forEach((g, p) => { start[p] = n; n += g.length; });
  start[groups.length] = n;
  const index = new Int32Array(n);
  let k = 0;
  for (const g of groups) for (const r of g) index[k++] = r.index;
  return { start, index };
}

type Distance = (a: string, b: string, o: { restricted: boolean }) => number;
let distance: Distance | undefined;
/**
 * natural's Damerau-Levenshtein, loaded when a word first needs it (with
 * underscore it takes 6 ms to load, which a short explain need not pay).
 */
function damerauLevenshtein(): Distance {
  distance ??= (createRequire(import.meta.url)('natural/lib/natural/distance/levenshtein_distance.js') as { DamerauLevenshteinDistance: Distance }).DamerauLevenshteinDistance;
  return distance;
}

/** What the later passes over one field share: the text, its normalized form and maps, and the hit list. */
interface Pass {
  text: string;
  t: string;
  starts: Int32Array;
  ends: Int32Array;
  push: (ref: TermRef, s: number, e: number, tr: Transform) => void;
  seen: (ref: TermRef, s: number, e: number) => boolean;
}

export interface FieldText {
  name: string;
  text: string;
  /** absent: 'item' */
  role?: FieldRole;
}

function isLatinWord(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = charClass(s.charCodeAt(i));
    if (c !== CharClass.Letter && c !== CharClass.Digit && s.charCodeAt(i) !== 0x20) return false;
  }
  return /[a-z]/.test(s);
}

class PatternSet {
  readonly patterns: string[] = [];
  readonly refs: TermRef[][] = [];
  private readonly index = new Map<string, number>();
  add(pattern: string, ref: TermRef): void {
    let p = this.index.get(pattern);
    if (p === undefined) {
      p = this.patterns.length;
      this.patterns.push(pattern);
      this.index.set(pattern, p);
      this.refs.push([]);
    }
    this.refs[p]!.push(ref);
  }
}

function isAscii(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (s.charCodeAt(i) >= 0x80) return false;
  return true;
}

/**
 * Hits of one entry kept per field: a text repeating a phrase (a 7 MB record
 * of one sentence made 1.5 million hits; three of them, 21 MB, needed 1.1 GB
 * of memory, 0.4 GB with the bound) keeps the first ones found (pass 1 in
 * text order, then de-obfuscation and fuzzy words); one hit of an entry
 * counts, so this changes the score only of such texts. No bundled fixture
 * reaches it (every fixture's output, with --all-hits, is unchanged).
 */
export const MAX_HITS_PER_ENTRY = 100;

/** Whether t[s, e) is exactly `term`. */
function spells(t: string, s: number, e: number, term: string): boolean {
  return term.length === e - s && t.startsWith(term, s);
}

function boundaryOk(edge: CharClass, next: CharClass): boolean {
  if (edge === CharClass.Letter || edge === CharClass.Digit) return next !== edge;
  return true;
}

export class Matcher {
  private readonly exactAutomaton: Automaton;
  /** refs of exact pattern p: refs[exactRefIndex[k]] for k in exactRefStart[p] .. exactRefStart[p + 1] */
  private readonly exactRefStart: Int32Array;
  private readonly exactRefIndex: Int32Array;
  private readonly deobAutomaton: Automaton;
  private readonly deobRefStart: Int32Array;
  private readonly deobRefIndex: Int32Array;
  /** one-deletion variants (and the term itself) -> fuzzy candidates */
  private fuzzyIndex: Map<string, { ref: TermRef; folded: string }[]> | undefined;
  private readonly fuzzyCache = new Map<string, { ref: TermRef; folded: string }[]>();
  /** pass 1's scratch: the best term of each entry at one span, and its transform's rank in TRANSFORMS */
  private readonly bestRefs: TermRef[] = [];
  private readonly bestRanks: number[] = [];
  readonly entries: readonly LexiconEntry[];
  /** Overlap checks of passes 2 and 3 plus the earlier hits they looked at, over all matchers (counted for the tests). */
  static overlapSteps = 0;

  /** term refs by index; with compiled tables, holes until ref() makes them */
  private readonly refs: TermRef[] = [];
  /** the compiled tables' ref columns and strings, when refs are made on demand */
  private fromColumns: { str: readonly string[]; col: Int32Array } | undefined;

  /** Term ref k (made from the compiled columns the first time). */
  private ref(k: number): TermRef {
    const have = this.refs[k];
    if (have !== undefined) return have;
    const { str, col } = this.fromColumns!;
    const b = k * REF_COLUMNS;
    const flags = col[b + R_FLAGS]!;
    const ref: TermRef = {
      index: k, entry: this.entries[col[b + R_ENTRY]!]!, lang: str[col[b + R_LANG]!]!, term: str[col[b + R_TERM]!]!, exact: str[col[b + R_EXACT]!]!, light: str[col[b + R_LIGHT]!]!,
      emoji: (flags & RF_EMOJI) !== 0, startClass: col[b + R_START]! as CharClass, endClass: col[b + R_END]! as CharClass,
    };
    if (flags & RF_SPACELESS) ref.spaceless = true;
    this.refs[k] = ref;
    return ref;
  }
  private readonly fuzzyFolded = new Map<TermRef, string>();

  /** hits of one entry kept per field (MAX_HITS_PER_ENTRY; the tests lift it to check the passes stay linear without it) */
  readonly maxHitsPerEntry: number;

  /**
   * Compiles the lexicons' terms, or takes the tables a Matcher of the same
   * lexicons computed before (`tables()`; the lexicons must be those, in the same order).
   */
  constructor(lexicons: readonly Lexicon[], tables?: MatcherTables, opts: { maxHitsPerEntry?: number } = {}) {
    this.maxHitsPerEntry = opts.maxHitsPerEntry ?? MAX_HITS_PER_ENTRY;
    const entries: LexiconEntry[] = [];
    for (const lex of lexicons) for (const entry of lex.entries) entries.push(entry);
    this.entries = entries;
    if (tables) {
      // term refs are made from the columns when a pattern first needs them
      // (17,600 objects made up front were 3% of a 5-row score's start-up,
      // plus the collections they caused); fuzzy terms are needed at once
      const str = tables.refStrings;
      const col = tables.refColumns;
      const n = Math.floor(col.length / REF_COLUMNS);
      this.refs.length = n;
      this.fromColumns = { str, col };
      for (let k = 0; k < n; k++) {
        const entry = col[k * REF_COLUMNS + R_ENTRY]!;
        if (entries[entry] === undefined) throw new Error(`compiled lexicon tables name entry ${entry} of ${entries.length}`);
        const fuzzy = col[k * REF_COLUMNS + R_FUZZY]!;
        if (fuzzy >= 0) this.addFuzzy(str[fuzzy]!, this.ref(k));
      }
      this.exactAutomaton = new Automaton(tables.exact);
      this.exactRefStart = tables.exactRefStart;
      this.exactRefIndex = tables.exactRefIndex;
      this.deobAutomaton = new Automaton(tables.deob);
      this.deobRefStart = tables.deobRefStart;
      this.deobRefIndex = tables.deobRefIndex;
      return;
    }
    const exact = new PatternSet();
    const deob = new PatternSet();
    const newRef = (r: Omit<TermRef, 'index'>): TermRef => {
      const ref = { index: this.refs.length, ...r } as TermRef;
      this.refs.push(ref);
      return ref;
    };
    for (const entry of entries) {
      for (const [lang, terms] of Object.entries(entry.terms)) {
        for (const term of terms) {
          const folded = normalizeText(term);
          // a term that normalizes to nothing can never match (lexicon lint reports it)
          if (folded.length === 0) continue;
          const ref = newRef({
            entry,
            lang,
            term,
            exact: normalizeText(term, { fold: false }),
            light: normalizeText(term, { fold: 'diacritics' }),
            emoji: /^[\p{Extended_Pictographic}\s]+$/u.test(folded),
            startClass: charClass(folded.charCodeAt(0)),
            endClass: charClass(folded.charCodeAt(folded.length - 1)),
          });
          exact.add(folded, ref);
          if (ref.emoji) continue;
          deob.add(squeeze(folded), ref);
          // an entry that wants its exact diacritics gets only rejoined separators (ง า ช้ า ง), checked below
          if (entry.diacritics === 'exact') continue;
          const latin = isLatinWord(folded);
          if (latin && folded.includes(' ')) {
            const { index: _index, ...rest } = ref;
            deob.add(squeeze(folded.replace(/ /g, '')), newRef({ ...rest, spaceless: true }));
          }
          if (latin && !folded.includes(' ') && folded.length >= FUZZY_MIN_TERM && !/\d/.test(folded)) this.addFuzzy(folded, ref);
        }
      }
    }
    this.exactAutomaton = new Automaton(exact.patterns);
    ({ start: this.exactRefStart, index: this.exactRefIndex } = flatten(exact.refs));
    this.deobAutomaton = new Automaton(deob.patterns);
    ({ start: this.deobRefStart, index: this.deobRefIndex } = flatten(deob.refs));
  }

  /** What this matcher computed from its lexicons, as data (typed arrays shared, not copied). */
  tables(): MatcherTables {
    const entryIndex = new Map<LexiconEntry, number>();
    this.entries.forEach((e, i) => entryIndex.set(e, i));
    const refStrings: string[] = [];
    const stringIndex = new Map<string, number>();
    const sid = (x: string): number => {
      let i = stringIndex.get(x);
      if (i === undefined) { i = refStrings.length; refStrings.push(x); stringIndex.set(x, i); }
      return i;
    };
    const refColumns = new Int32Array(this.refs.length * REF_COLUMNS);
    for (let k = 0; k < this.refs.length; k++) this.ref(k);
    this.refs.forEach((r, i) => {
      const k = i * REF_COLUMNS;
      const fuzzy = this.fuzzyFolded.get(r);
      refColumns[k + R_ENTRY] = entryIndex.get(r.entry)!;
      refColumns[k + R_LANG] = sid(r.lang);
      refColumns[k + R_TERM] = sid(r.term);
      refColumns[k + R_EXACT] = sid(r.exact);
      refColumns[k + R_LIGHT] = sid(r.light);
      refColumns[k + R_FUZZY] = fuzzy === undefined ? -1 : sid(fuzzy);
      refColumns[k + R_FLAGS] = (r.emoji ? RF_EMOJI : 0) | (r.spaceless ? RF_SPACELESS : 0);
      refColumns[k + R_START] = r.startClass;
      refColumns[k + R_END] = r.endClass;
    });
    return {
      refStrings, refColumns, exact: this.exactAutomaton.tables(), exactRefStart: this.exactRefStart, exactRefIndex: this.exactRefIndex,
      deob: this.deobAutomaton.tables(), deobRefStart: this.deobRefStart, deobRefIndex: this.deobRefIndex,
    };
  }

  private addFuzzy(folded: string, ref: TermRef): void {
    this.fuzzyFolded.set(ref, folded);
  }

  /** The one-deletion index of the fuzzy terms, built when a long word first needs it. */
  private fuzzy(): Map<string, { ref: TermRef; folded: string }[]> {
    if (this.fuzzyIndex === undefined) {
      const index = new Map<string, { ref: TermRef; folded: string }[]>();
      const add = (k: string, c: { ref: TermRef; folded: string }) => {
        const list = index.get(k);
        if (list) list.push(c);
        else index.set(k, [c]);
      };
      for (const [ref, folded] of this.fuzzyFolded) {
        const c = { ref, folded };
        add(folded, c);
        for (let i = 0; i < folded.length; i++) add(folded.slice(0, i) + folded.slice(i + 1), c);
      }
      this.fuzzyIndex = index;
    }
    return this.fuzzyIndex;
  }

  /**
   * The hits of all entries in one field's text, at most MAX_HITS_PER_ENTRY
   * of one entry (further ones only counted in `tally.notKept`); `normalized`
   * gets the field's normalized text (what near-duplicate grouping hashes).
   */
  matchField(field: string, text: string, normalized?: string[], tally?: { notKept: number }): Hit[] {
    const hits: Hit[] = [];
    if (text.length === 0) return hits;
    // hits per entry, counted once the field has MAX_HITS_PER_ENTRY hits in all (before that no entry can reach it)
    let perEntry: Map<LexiconEntry, number> | undefined;
    const norm = normalizeTransient(text);
    const t = norm.text;
    normalized?.push(t);
    const starts = norm.starts;
    const ends = norm.ends;
    const overlaps = new Overlaps();
    const push = (ref: TermRef, start16: number, end16: number, transform: Transform) => {
      if (hits.length >= this.maxHitsPerEntry) {
        if (perEntry === undefined) {
          perEntry = new Map();
          for (const h of hits) perEntry.set(h.entry, (perEntry.get(h.entry) ?? 0) + 1);
        }
        const n = perEntry.get(ref.entry) ?? 0;
        if (n >= this.maxHitsPerEntry) { if (tally) tally.notKept++; return; }
        perEntry.set(ref.entry, n + 1);
      }
      hits.push({
        entry: ref.entry,
        term: ref.term,
        lang: ref.lang,
        field,
        start: start16,
        end: end16,
        start16,
        end16,
        match: text.slice(start16, end16),
        transform,
        weight: ref.entry.weight * TRANSFORM_FACTOR[transform],
      });
      overlaps.add(hits[hits.length - 1]!);
    };
    const seen = (ref: TermRef, s16: number, e16: number) => overlaps.has(ref.entry, s16, e16);

    // pass 1: normalized text
    this.exactAutomaton.scan(t, (p, s, e) => {
      const before = s > 0 ? charClass(t.charCodeAt(s - 1)) : CharClass.Other;
      const after = e < t.length ? charClass(t.charCodeAt(e)) : CharClass.Other;
      const start16 = starts[s]!;
      const end16 = ends[e - 1]!;
      let ascii: boolean | undefined;
      let exactSlice: string | undefined;
      let lightSlice: string | undefined;
      // one hit per entry and span: the term written most like the text wins
      // (scratch arrays in entry order of first sight, not a Map per match:
      // the Maps were 9% of all bytes allocated scoring the bench rows)
      const bestRefs = this.bestRefs;
      const bestRanks = this.bestRanks;
      bestRefs.length = 0;
      bestRanks.length = 0;
      for (let k = this.exactRefStart[p]!, kEnd = this.exactRefStart[p + 1]!; k < kEnd; k++) {
        const ref = this.ref(this.exactRefIndex[k]!);
        if (!boundaryOk(ref.startClass, before) || !boundaryOk(ref.endClass, after)) continue;
        // an ASCII span normalizes the same whatever the folding: its normalized
        // text is t[s, e), compared in place (no slice)
        ascii ??= isAscii(text, start16, end16);
        let transform: Transform;
        if (ascii ? spells(t, s, e, ref.exact) : (exactSlice ??= normalizeText(text.slice(start16, end16), { fold: false })) === ref.exact) transform = ref.emoji ? 'emoji' : 'exact';
        else {
          const light = ascii ? spells(t, s, e, ref.light) : (lightSlice ??= normalizeText(text.slice(start16, end16), { fold: 'diacritics' })) === ref.light;
          transform = light ? 'diacritics' : 'traditional';
        }
        if (ref.entry.diacritics === 'exact' && transform === 'diacritics') continue;
        if (ref.entry.diacritics === 'exact' && transform === 'traditional' && simplify(exactSlice ??= ascii ? t.slice(s, e) : normalizeText(text.slice(start16, end16), { fold: false })) !== simplify(ref.exact)) continue;
        const rank = TRANSFORMS.indexOf(transform);
        let j = 0;
        while (j < bestRefs.length && bestRefs[j]!.entry !== ref.entry) j++;
        if (j === bestRefs.length) { bestRefs.push(ref); bestRanks.push(rank); }
        else if (rank < bestRanks[j]!) { bestRefs[j] = ref; bestRanks[j] = rank; }
      }
      for (let j = 0; j < bestRefs.length; j++) push(bestRefs[j]!, start16, end16, TRANSFORMS[bestRanks[j]!]!);
    });

    // pass 2: de-obfuscated text, when the text could hold a trick at all
    const pass: Pass = { text, t, starts, ends, push, seen };
    if (norm.suspicious) { overlaps.reset(hits); this.matchDeobfuscated(pass); }

    // pass 3: Latin words
    if (this.fuzzyFolded.size > 0) { overlaps.reset(hits); this.matchWords(pass); }

    // reading order: by start, longer first (a sort allocates: skipped when already in order)
    const before = (a: Hit, b: Hit) => a.start16 - b.start16 || b.end16 - a.end16;
    let ordered = true;
    for (let i = 1; i < hits.length && ordered; i++) ordered = before(hits[i - 1]!, hits[i]!) <= 0;
    if (!ordered) hits.sort(before);
    markNegated(text, hits);
    if (hits.length > 0 && /[\uD800-\uDFFF]/.test(text)) toCodePoints(text, hits);
    return hits;
  }

  private matchDeobfuscated({ text, t, starts, ends, push, seen }: Pass): void {
    const d = deobfuscate(text, t, starts, ends);
    const dt = d.text;
    this.deobAutomaton.scan(dt, (p, s, e) => {
      let flags = 0;
      for (let k = s; k < e; k++) flags |= d.flags[k]!;
      let soft = false;
      for (let k = s + 1; k < e; k++) if (d.soft[k]) soft = true;
      const before = s > 0 ? charClass(dt.charCodeAt(s - 1)) : CharClass.Other;
      const after = e < dt.length ? charClass(dt.charCodeAt(e)) : CharClass.Other;
      const start16 = starts[d.source[s]!]!;
      const end16 = ends[d.source[e - 1]!]!;
      for (let k = this.deobRefStart[p]!, kEnd = this.deobRefStart[p + 1]!; k < kEnd; k++) {
        const ref = this.ref(this.deobRefIndex[k]!);
        const softStart = d.soft[s] === 1;
        const softEnd = d.soft[e] === 1;
        const hardStart = boundaryOk(ref.startClass, before);
        const hardEnd = boundaryOk(ref.endClass, after);
        // inside a hashtag or camelCase word, only terms of 4+ characters may start or end mid-word
        if (!(hardStart || (softStart && e - s >= 4)) || !(hardEnd || (softEnd && e - s >= 4))) continue;
        let transform: Transform | undefined;
        // a term written without its spaces only counts where words run together on purpose
        if (ref.spaceless && !(flags & F_SEPARATOR) && !soft) continue;
        if (ref.entry.diacritics === 'exact' && !sameLetters(text.slice(start16, end16), ref.exact)) continue;
        if (flags & F_LOOKALIKE) transform = 'lookalike';
        else if (flags & F_SEPARATOR) transform = 'separators';
        else if (ref.spaceless || soft || softStart || softEnd) transform = 'hashtag';
        else if (flags & F_REPEAT) transform = 'lookalike';
        if (transform === undefined || seen(ref, start16, end16)) continue;
        push(ref, start16, end16, transform);
      }
    });
  }

  private matchWords({ t, starts, ends, push, seen }: Pass): void {
    // words long enough for a fuzzy match: runs of 7+ letters starting with a-z
    const words: { s: number; e: number; w: string }[] = [];
    for (let i = 0; i < t.length;) {
      const c = t.charCodeAt(i);
      if (c < 0x61 || c > 0x7a) { i++; continue; }
      let j = i + 1;
      while (j < t.length && charClass(t.charCodeAt(j)) === CharClass.Letter) j++;
      if (j - i >= FUZZY_MIN_TERM - 1 && (i === 0 || charClass(t.charCodeAt(i - 1)) !== CharClass.Letter)) words.push({ s: i, e: j, w: t.slice(i, j) });
      i = j;
    }
    for (const x of words) {
      let cands = this.fuzzyCache.get(x.w);
      if (cands === undefined) {
        const found = new Set<{ ref: TermRef; folded: string }>();
        const index = this.fuzzy();
        const look = (k: string) => { for (const c of index.get(k) ?? []) found.add(c); };
        look(x.w);
        for (let i = 0; i < x.w.length; i++) look(x.w.slice(0, i) + x.w.slice(i + 1));
        // restricted (optimal string alignment) equals Damerau-Levenshtein at distance 1; natural 8.1.1's
        // unrestricted variant returns 0 for 'tortoiseshel' vs 'tortoiseshell'
        cands = [...found].filter((c) => c.folded !== x.w && damerauLevenshtein()(x.w, c.folded, { restricted: true }) === 1);
        if (this.fuzzyCache.size > 50_000) this.fuzzyCache.clear();
        this.fuzzyCache.set(x.w, cands);
      }
      if (cands.length === 0) continue;
      const s16 = starts[x.s]!;
      const e16 = ends[x.e - 1]!;
      for (const c of cands) if (!seen(c.ref, s16, e16)) push(c.ref, s16, e16, 'fuzzy');
    }
  }

  /** Hits over several fields, in field order; `normalized` gets the normalized text of each item (not context) field. */
  match(fields: readonly FieldText[], normalized?: string[], tally?: { notKept: number }): Hit[] {
    const out: Hit[] = [];
    for (const f of fields) {
      const h = this.matchField(f.name, f.text, f.role === 'context' ? undefined : normalized, tally);
      if (f.role === 'context') for (const x of h) x.role = 'context';
      for (const x of h) out.push(x);
    }
    return out;
  }
}

/**
 * Whether an entry already has a hit overlapping a span, for passes 2 and 3.
 * A pass asks about spans in order of their end (the automaton reports
 * matches by end, the words come in text order), so per entry a pointer runs
 * once over its earlier hits sorted by start, keeping the largest end among
 * those starting before the span's end: the span overlaps a hit iff that end
 * is past the span's start. Linear per pass (comparing each span with every
 * hit took 34 s on 32,000 repeated hits). Hits pushed during the pass start
 * before the end being asked about, so they only raise that largest end. A
 * span asked out of order is answered by a plain scan (exact either way).
 */
class Overlaps {
  private readonly byEntry = new Map<LexiconEntry, { sorted: Hit[]; next: number; added: Hit[]; maxEnd: number; lastEnd: number }>();
  /**
   * The hits of the pass, indexed when the pass first asks (most never do:
   * pass 1 never asks, and pass 3 only for words near a fuzzy term). A pass
   * pushes a hit only after asking about its span, so until then every hit
   * is in `hits`.
   */
  private pending: readonly Hit[] | undefined = [];

  /** Starts a pass over the hits found so far. */
  reset(hits: readonly Hit[]): void {
    this.pending = hits;
  }

  private build(hits: readonly Hit[]): void {
    this.byEntry.clear();
    for (const h of hits) this.group(h.entry).sorted.push(h);
    for (const g of this.byEntry.values()) g.sorted.sort((a, b) => a.start16 - b.start16);
    this.pending = undefined;
  }

  private group(entry: LexiconEntry) {
    let g = this.byEntry.get(entry);
    if (g === undefined) { g = { sorted: [], next: 0, added: [], maxEnd: -1, lastEnd: -1 }; this.byEntry.set(entry, g); }
    return g;
  }

  has(entry: LexiconEntry, s16: number, e16: number): boolean {
    Matcher.overlapSteps++;
    if (this.pending !== undefined) this.build(this.pending);
    const g = this.byEntry.get(entry);
    if (g === undefined) return false;
    if (e16 < g.lastEnd) {
      const over = (h: Hit) => { Matcher.overlapSteps++; return h.start16 < e16 && s16 < h.end16; };
      return g.sorted.some(over) || g.added.some(over);
    }
    g.lastEnd = e16;
    while (g.next < g.sorted.length && g.sorted[g.next]!.start16 < e16) { g.maxEnd = Math.max(g.maxEnd, g.sorted[g.next++]!.end16); Matcher.overlapSteps++; }
    return g.maxEnd > s16;
  }

  /** Records a hit pushed during the pass. */
  add(h: Hit): void {
    if (this.pending !== undefined) return; // indexed with the rest when first asked
    const g = this.group(h.entry);
    g.added.push(h);
    g.maxEnd = Math.max(g.maxEnd, h.end16);
    // every hit in maxEnd starts before lastEnd: an earlier end is asked by the plain scan
    g.lastEnd = Math.max(g.lastEnd, h.end16);
  }
}

/** Whether the original span, normalized without folding and without spaces, spells the term exactly. */
function sameLetters(original: string, exact: string): boolean {
  return normalizeText(original, { fold: false }).replace(/ /g, '') === exact.replace(/ /g, '');
}

/** At most this many words may stand between a negation and what it negates ("pas du plastique"); a comma or a sentence end stops it. */
export const NEGATION_REACH = 1;
const STOP_CODES = new Set([...'.,!?;:\n。，、！？；：'].map((c) => c.charCodeAt(0)));

/** What splits the words of a gap: JavaScript's \s and the comma. */
function isGapSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x2c || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Marks benign and news hits that a negation hit right before them cancels
 * ("not resin", "không phải hàng giả"): the first negation (in hit order)
 * ending at most NEGATION_REACH words before the hit, with no stop (STOP_CODES)
 * between. One pass over the text counts stops and word starts, so whether a
 * gap qualifies is a subtraction; a gap that fails keeps failing for later
 * hits, so negations sorted by end slide through a window once (comparing
 * every hit with every negation took 19 s on "not resin" x 800).
 * Exported for the tests.
 */
export function markNegated(text: string, hits: Hit[]): void {
  const negations: number[] = [];
  const targets: number[] = [];
  for (let i = 0; i < hits.length; i++) {
    const k = hits[i]!.entry.kind;
    if (k === 'negation') negations.push(i);
    else if (k === 'benign' || k === 'news') targets.push(i);
  }
  if (negations.length === 0 || targets.length === 0) return;
  targets.sort((a, b) => hits[a]!.start16 - hits[b]!.start16);
  const until = Math.min(text.length, hits[targets[targets.length - 1]!]!.start16);
  // the window only ever starts at a negation's end: count from the first one
  let base = until;
  for (const n of negations) base = Math.min(base, hits[n]!.end16);
  // lastStop[p - base]: last stop in [base, p) (-1 if none); words[p - base]: words starting in [base, p)
  const lastStop = new Int32Array(until - base + 1);
  const words = new Int32Array(until - base + 1);
  let stop = -1;
  let count = 0;
  for (let p = base; p < until; p++) {
    lastStop[p - base] = stop;
    words[p - base] = count;
    const c = text.charCodeAt(p);
    if (STOP_CODES.has(c)) stop = p;
    if (!isGapSpace(c) && (p === 0 || isGapSpace(text.charCodeAt(p - 1)))) count++;
  }
  lastStop[until - base] = stop;
  words[until - base] = count;
  const inWord = (p: number) => p > 0 && p < text.length && !isGapSpace(text.charCodeAt(p - 1)) && !isGapSpace(text.charCodeAt(p));
  // whether text[e, s) holds no stop and at most NEGATION_REACH words (base <= e <= s <= until)
  const reaches = (e: number, s: number) => lastStop[s - base]! < e && words[s - base]! - words[e - base]! + (e < s && inWord(e) ? 1 : 0) <= NEGATION_REACH;
  const byEnd = [...negations].sort((a, b) => hits[a]!.end16 - hits[b]!.end16);
  // negations ending in the window, as a queue whose front is the first in hit order
  const queue: number[] = [];
  let head = 0;
  let next = 0;
  for (const t of targets) {
    const s = hits[t]!.start16;
    for (; next < byEnd.length && hits[byEnd[next]!]!.end16 <= s; next++) {
      const n = byEnd[next]!;
      while (queue.length > head && queue[queue.length - 1]! > n) queue.pop();
      queue.push(n);
    }
    while (head < queue.length && !reaches(hits[queue[head]!]!.end16, s)) head++;
    if (head < queue.length) hits[t]!.negatedBy = hits[queue[head]!]!.entry.id;
  }
}

/** Rewrites start/end from UTF-16 offsets to code point offsets. */
function toCodePoints(text: string, hits: Hit[]): void {
  const offsets = new Set<number>();
  for (const h of hits) { offsets.add(h.start16); offsets.add(h.end16); }
  const sorted = [...offsets].sort((a, b) => a - b);
  const map = new Map<number, number>();
  let cp = 0;
  let i = 0;
  for (const target of sorted) {
    while (i < target) {
      const c = text.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
      cp++;
    }
    map.set(target, cp);
  }
  for (const h of hits) { h.start = map.get(h.start16)!; h.end = map.get(h.end16)!; }
}
