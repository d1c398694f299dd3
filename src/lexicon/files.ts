/**
 * Lexicon files on disk: which files a set of paths names, and their text,
 * read with the size and encoding checks. No YAML here: the compiled-lexicon
 * cache (cache.ts) reads the files to key the cache without loading the YAML
 * parser and the schema validator.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_LEXICON_DIR } from './paths.js';
import { LexiconError } from '../core/errors.js';

export interface LoadOptions {
  /** extra lexicon files or folders, in order */
  paths?: readonly string[];
  /** include the built-in lexicons (default true) */
  defaults?: boolean;
  /**
   * the lexicons will score: at least one entry must be able to raise a score
   * (lexicon test and list load files that cannot, such as benign.yaml alone)
   */
  scoring?: boolean;
  /**
   * keep compiled lexicons in this folder (cache.ts), keyed by the content of
   * the files, the tool's version and its compiling code; absent: no cache
   */
  cache?: { dir: string; version: string };
}

/** A lexicon file's name and text. */
export interface LexiconSource {
  file: string;
  text: string;
}

export const LEXICON_FILE = /\.ya?ml$/i;

/**
 * The largest lexicon file read: 4 MiB. The largest built-in lexicon is 37 KB
 * and all 18 together are 254 KB, so this leaves room for a merged or
 * generated lexicon 16 times all of them. It is what one thread can afford:
 * a valid 4 MiB lexicon (17,500 entries) took 3.3 s and 850 MB of memory to
 * load and index, 8 MiB took 10 s and 1.2 GB, and every worker thread loads
 * the lexicons again. Anything larger is not a hand-kept term list.
 */
export const MAX_LEXICON_BYTES = 4 * 1024 * 1024;

/**
 * The .yaml/.yml files of a path: the path itself, or a folder's files read
 * non-recursively in name order (sub-folders named x.yaml are left out). A
 * folder without any is an error: the path is most likely wrong.
 */
export function lexiconFiles(p: string): string[] {
  let st;
  try {
    st = statSync(p);
  } catch {
    throw new LexiconError([`${p}: no such lexicon file or folder`]);
  }
  if (!st.isDirectory()) return [p];
  const files = readdirSync(p).filter((f) => LEXICON_FILE.test(f)).sort().map((f) => path.join(p, f)).filter((f) => statSync(f, { throwIfNoEntry: false })?.isDirectory() !== true);
  if (files.length === 0) throw new LexiconError([`${p}: a folder without .yaml or .yml files: no lexicon to load`]);
  return files;
}

/** The text of a lexicon file: at most `limit` bytes (at most limit + 1 are read), UTF-8 without NUL bytes. */
export function readLexiconText(file: string, limit = MAX_LEXICON_BYTES): string {
  const chunks: Buffer[] = [];
  let total = 0;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    // in chunks, not by size: a device, a pipe or a growing file has none
    while (total <= limit) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 16, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
    }
  } catch (err) {
    throw new LexiconError([`${file}: cannot read: ${(err as Error).message}`]);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (total > limit) throw new LexiconError([`${file}: larger than ${mib(limit)} (${limit} bytes), the size limit of a lexicon file`]);
  return decodeText(Buffer.concat(chunks, total), file);
}

function mib(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

function decodeText(bytes: Buffer, file: string): string {
  const fail = (message: string) => new LexiconError([`${file}: ${message}`]);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) throw fail('UTF-16 text (it starts with a UTF-16 byte-order mark): save the file as UTF-8');
  if (bytes.includes(0)) throw fail('not a text file (it has NUL bytes)');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // the first replacement character is at the first bad byte (or at an earlier U+FFFD written out)
    const text = new TextDecoder('utf-8').decode(bytes);
    const line = text.slice(0, text.indexOf('\uFFFD')).split('\n').length;
    throw fail(`line ${line}: not valid UTF-8 (Latin-1 or Windows-1252 text?): save the file as UTF-8`);
  }
}

/** The files of the built-in lexicons (unless disabled) and then of each path, in load order, with their text. */
export function readLexiconSources(options: LoadOptions = {}): LexiconSource[] {
  const files: string[] = [];
  if (options.defaults !== false) files.push(...lexiconFiles(BUILTIN_LEXICON_DIR));
  for (const p of options.paths ?? []) files.push(...lexiconFiles(p));
  const sources: LexiconSource[] = [];
  const problems: string[] = [];
  for (const file of files) {
    try {
      sources.push({ file, text: readLexiconText(file) });
    } catch (err) {
      if (err instanceof LexiconError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length > 0) throw new LexiconError(problems);
  return sources;
}
