/** Reads lexicon YAML files and folders from disk. */
import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { isAlias, LineCounter, parseDocument, visit, type Alias } from 'yaml';
import { EVIDENCE_KINDS, type Lexicon, type LexiconEntry } from '../core/types.js';
import { BUILTIN_LEXICON_DIR } from './paths.js';
import { LexiconError, type LexiconProblem } from '../core/errors.js';
import { checkSet, toLexicon } from './validate.js';
import { LEXICON_FILE, lexiconFiles, readLexiconSources, readLexiconText, type LoadOptions, type LexiconSource } from './files.js';

export { MAX_LEXICON_BYTES, lexiconFiles, readLexiconText, readLexiconSources, type LoadOptions, type LexiconSource } from './files.js';

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

export function parseLexiconText(text: string, file: string): Lexicon {
  const { doc, problems } = parseYaml(text, file);
  if (problems.length > 0) throw new LexiconError(problems);
  return toLexicon(doc, file);
}

export function loadLexiconFile(file: string): Lexicon {
  return parseLexiconText(readLexiconText(file), file);
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
  return lexiconsFromSources(readLexiconSources(options), options);
}

/** The lexicons of files already read (readLexiconSources), validated and checked as a set. */
export function lexiconsFromSources(sources: readonly LexiconSource[], options: LoadOptions = {}): Lexicon[] {
  const byName = new Map<string, Lexicon>();
  const problems: string[] = [];
  for (const { file, text } of sources) {
    try {
      const lex = parseLexiconText(text, file);
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
