/** Reads lexicon YAML files and folders from disk. */
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isAlias, LineCounter, parseDocument, visit, type Alias } from 'yaml';
import { EVIDENCE_KINDS, type Lexicon, type LexiconEntry } from '../core/types.js';
import { BUILTIN_LEXICON_DIR } from './paths.js';
import { LexiconError, type LexiconProblem } from '../core/errors.js';
import { checkSet, toLexicon } from './validate.js';

const LEXICON_FILE = /\.ya?ml$/i;

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

/**
 * Parses YAML text; returns the document or the YAML problems. Aliases
 * (`*name`) are refused: with the yaml package's default limit (100) a
 * 500 KB file of 99 aliases of one term list took 13 s and 1.5 GB to index,
 * and lexicons do not need them (no built-in one has any).
 */
export function parseYaml(text: string, file: string): { doc?: unknown; problems: LexiconProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { prettyErrors: true, lineCounter: lines });
  const problem = (message: string): { problems: LexiconProblem[] } => ({ problems: [{ severity: 'error', file, message }] });
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((e) => ({ severity: 'error' as const, file, message: `YAML error: ${e.message.split('\n')[0]}` })) };
  }
  let alias: Alias | undefined;
  visit(doc, (_key, node) => {
    if (!isAlias(node)) return undefined;
    alias = node;
    return visit.BREAK;
  });
  if (alias) {
    return problem(`line ${lines.linePos(alias.range?.[0] ?? 0).line}: YAML alias *${alias.source}: aliases are not allowed in lexicon files (a few can make a small file huge); write the value out`);
  }
  try {
    return { doc: doc.toJS({ maxAliasCount: 0 }), problems: [] };
  } catch (err) {
    return problem(`YAML error: ${(err as Error).message}`);
  }
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

export function parseLexiconText(text: string, file: string): Lexicon {
  const { doc, problems } = parseYaml(text, file);
  if (problems.length > 0) throw new LexiconError(problems);
  return toLexicon(doc, file);
}

export function loadLexiconFile(file: string): Lexicon {
  return parseLexiconText(readLexiconText(file), file);
}

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
}

/** An entry that can give a listing a score above 0: evidence with a positive weight (core/score.ts). */
export function isActiveEntry(e: LexiconEntry): boolean {
  return EVIDENCE_KINDS.has(e.kind) && e.weight > 0;
}

/**
 * The built-in lexicons that files of `paths` replace (a file whose
 * `lexicon:` name is a built-in one), as warnings naming both files. A
 * built-in lexicon's name is its file name (a test checks it), so only the
 * user's regular files are read (not pipes); files that do not load are
 * left to loadLexicons to report.
 */
export function replacedBuiltins(options: LoadOptions): LexiconProblem[] {
  if (options.defaults === false || !options.paths?.length) return [];
  const builtins = new Map(lexiconFiles(BUILTIN_LEXICON_DIR).map((f) => [path.basename(f).replace(LEXICON_FILE, ''), f]));
  const problems: LexiconProblem[] = [];
  for (const p of options.paths) {
    let files: string[];
    try {
      files = lexiconFiles(p);
    } catch {
      continue;
    }
    for (const file of files) {
      // a pipe (`--lexicon <(...)`) can be read once, by the load itself
      if (statSync(file, { throwIfNoEntry: false })?.isFile() !== true) continue;
      let name: unknown;
      try {
        name = (parseYaml(readLexiconText(file), file).doc as { lexicon?: unknown } | null | undefined)?.lexicon;
      } catch {
        continue;
      }
      const builtin = typeof name === 'string' ? builtins.get(name) : undefined;
      if (builtin === undefined || sameFile(builtin, file)) continue;
      builtins.delete(name as string); // the first file replaces it; a later one replaces that file
      problems.push({ severity: 'warning', file, message: `lexicon "${name as string}" replaces the built-in lexicon ${builtin} and all its entries` });
    }
  }
  return problems;
}

function sameFile(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/**
 * Loads the built-in lexicons (unless disabled) and then each path in order.
 * A lexicon whose name was already loaded replaces the earlier one.
 */
export function loadLexicons(options: LoadOptions = {}): Lexicon[] {
  const files: string[] = [];
  if (options.defaults !== false) files.push(...lexiconFiles(BUILTIN_LEXICON_DIR));
  for (const p of options.paths ?? []) files.push(...lexiconFiles(p));
  const byName = new Map<string, Lexicon>();
  const problems: string[] = [];
  for (const f of files) {
    try {
      const lex = loadLexiconFile(f);
      byName.delete(lex.name); // keep load order of the replacement
      byName.set(lex.name, lex);
    } catch (err) {
      if (err instanceof LexiconError) problems.push(...err.problems);
      else throw err;
    }
  }
  if (problems.length > 0) throw new LexiconError(problems);
  const lexicons = [...byName.values()];
  if (lexicons.length === 0) throw new LexiconError(['no lexicons loaded: name one, or keep the built-in ones'], { option: 'lexicon' });
  checkSet(lexicons);
  if (options.scoring === true && !lexicons.some((l) => l.entries.some(isActiveEntry))) {
    const entries = lexicons.reduce((n, l) => n + l.entries.length, 0);
    const names = lexicons.map((l) => l.file ?? l.name);
    const from = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more files`;
    throw new LexiconError([`no active lexicon entries: none of the ${entries} entries of ${from} is a product, species or code_word entry with a positive weight, so every listing would score 0`]);
  }
  return lexicons;
}
