/**
 * Compiled lexicons, cached on disk: a run whose lexicon files, tool version
 * and compiling code are those of an earlier run reads the compiled form
 * (core/compiled.ts) instead of parsing the YAML, validating it and building
 * the automata again.
 *
 * - Key: SHA-256 of the compiled format, the tool version, a stamp of this
 *   code (the names, sizes and modification times of the core and lexicon
 *   modules, so that a rebuilt tool never reads tables an older build wrote),
 *   the load options and every file's name and text, in load order.
 * - File: `<dir>/lexicons-<key>.bin`: the SHA-256 of the compiled bytes, then
 *   the bytes. A file whose checksum or content does not hold is compiled
 *   afresh and replaced; a run never fails because of the cache.
 * - Concurrent runs write to a temporary file of their own and rename it over
 *   the cache file (atomic), so a reader sees a whole file or none. The
 *   newest eight files are kept.
 * - The bytes live in a SharedArrayBuffer: worker threads get the same
 *   memory (workerData), not a copy, and build their matchers over it.
 *
 * The YAML parser and the schema validator (load.ts, 75 ms to import) are
 * imported only when the lexicons must be compiled.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { COMPILED_FORMAT, CompiledFormatError, decodeCompiled, encodeCompiled } from '../core/compiled.js';
import { Matcher, type MatcherTables } from '../core/matcher.js';
import { lexiconSetId } from '../core/lexset.js';
import type { Lexicon } from '../core/types.js';
import { readLexiconSources, type LexiconSource, type LoadOptions } from './files.js';

export interface CompiledLexicons {
  lexicons: Lexicon[];
  /** lexiconSetId of the lexicons, computed when they were compiled */
  setId: string;
  tables: MatcherTables;
  /** the compiled bytes, over a SharedArrayBuffer (give them to workers) */
  bytes: Uint8Array;
  /** 'hit': read from the cache; 'written': compiled and stored; 'compiled': compiled, not stored (no cache, or it could not be written) */
  cache: 'hit' | 'written' | 'compiled';
}

const KEEP_FILES = 8;
/** A cache file larger than this is not one of ours (the built-in lexicons compile to 4 MB; a 4 MiB lexicon file, the largest read, to about 60). */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;
const HERE = path.dirname(fileURLToPath(import.meta.url));

let stamp: string | undefined;
/** Names, sizes and modification times of the modules that compile lexicons (this folder and core). */
function codeStamp(): string {
  if (stamp === undefined) {
    const parts: string[] = [];
    for (const dir of [HERE, path.join(HERE, '..', 'core')]) {
      let names: string[] = [];
      try {
        names = readdirSync(dir).sort();
      } catch {
        continue;
      }
      for (const n of names) {
        const st = statSync(path.join(dir, n), { throwIfNoEntry: false });
        if (st?.isFile()) parts.push(`${n}:${st.size}:${st.mtimeMs}`);
      }
    }
    stamp = parts.join('|');
  }
  return stamp;
}

/** The cache key of these files and options. */
export function cacheKey(sources: readonly LexiconSource[], options: LoadOptions, version: string): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([COMPILED_FORMAT, version, codeStamp(), options.defaults !== false, options.scoring === true]));
  for (const s of sources) h.update(`\0${s.file}\0${s.text.length}\0`).update(s.text);
  return h.digest('hex').slice(0, 32);
}

function readCached(file: string): { lexicons: Lexicon[]; setId: string; tables: MatcherTables; bytes: Uint8Array } | undefined {
  let fd: number | undefined;
  let all: Uint8Array;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size < 40 || size > MAX_CACHE_BYTES) return undefined;
    // read straight into shared memory: the bytes workers will use
    all = new Uint8Array(new SharedArrayBuffer(size));
    let got = 0;
    while (got < size) {
      const n = readSync(fd, all, got, size - got, got);
      if (n === 0) return undefined;
      got += n;
    }
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const body = all.subarray(32);
  if (!createHash('sha256').update(body).digest().equals(all.subarray(0, 32))) return undefined;
  try {
    return { ...decodeCompiled(body), bytes: body };
  } catch (err) {
    if (err instanceof CompiledFormatError) return undefined;
    throw err;
  }
}

function writeCached(dir: string, file: string, bytes: Uint8Array): boolean {
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    const sum = createHash('sha256').update(bytes).digest();
    writeFileSync(tmp, Buffer.concat([sum, bytes]), { mode: 0o644 });
    renameSync(tmp, file);
  } catch {
    try { unlinkSync(tmp); } catch { /* not written */ }
    return false;
  }
  prune(dir);
  return true;
}

/** Keeps the newest KEEP_FILES cache files (and leaves other runs' temporary files alone unless a day old). */
function prune(dir: string): void {
  try {
    const now = Date.now();
    const files = readdirSync(dir)
      .filter((n) => n.startsWith('lexicons-'))
      .map((n) => ({ n, st: statSync(path.join(dir, n), { throwIfNoEntry: false }) }))
      .filter((x) => x.st?.isFile());
    const done = files.filter((x) => x.n.endsWith('.bin')).sort((a, b) => b.st!.mtimeMs - a.st!.mtimeMs);
    for (const x of done.slice(KEEP_FILES)) unlinkSync(path.join(dir, x.n));
    for (const x of files) if (x.n.endsWith('.tmp') && now - x.st!.mtimeMs > 86_400_000) unlinkSync(path.join(dir, x.n));
  } catch {
    // another run pruned first, or the folder is read-only: nothing to do
  }
}

/**
 * The lexicons of `options` with their compiled matcher tables: from the
 * cache when `options.cache` names one and holds them, else compiled (and
 * stored when there is a cache). Lexicon errors are those of loadLexicons.
 */
export async function loadCompiledLexicons(options: LoadOptions = {}): Promise<CompiledLexicons> {
  const sources = readLexiconSources(options);
  const cache = options.cache;
  const key = cache ? cacheKey(sources, options, cache.version) : undefined;
  const file = cache && key ? path.join(cache.dir, `lexicons-${key}.bin`) : undefined;
  if (file) {
    const hit = readCached(file);
    if (hit) return { ...hit, cache: 'hit' };
  }
  const { lexiconsFromSources } = await import('./load.js');
  const lexicons = lexiconsFromSources(sources, options);
  const tables = new Matcher(lexicons).tables();
  const bytes = encodeCompiled(lexicons, tables, (n) => new SharedArrayBuffer(n));
  const written = cache && file ? writeCached(cache.dir, file, bytes) : false;
  return { lexicons, setId: lexiconSetId(lexicons), tables, bytes, cache: written ? 'written' : 'compiled' };
}
