/** Reads lexicon YAML files and folders from disk. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import type { Lexicon } from '../core/types.js';
import { BUILTIN_LEXICON_DIR } from './paths.js';
import { LexiconError, type LexiconProblem } from '../core/errors.js';
import { checkSet, toLexicon } from './validate.js';

const LEXICON_FILE = /\.ya?ml$/i;

/** The .yaml/.yml files of a path (a file, or a folder read non-recursively, sorted by name). */
export function lexiconFiles(p: string): string[] {
  let st;
  try {
    st = statSync(p);
  } catch {
    throw new LexiconError([`${p}: no such lexicon file or folder`]);
  }
  if (st.isDirectory()) {
    return readdirSync(p).filter((f) => LEXICON_FILE.test(f)).sort().map((f) => path.join(p, f));
  }
  return [p];
}

/** Parses YAML text; returns the document or the YAML problems. */
export function parseYaml(text: string, file: string): { doc?: unknown; problems: LexiconProblem[] } {
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    return { problems: doc.errors.map((e) => ({ severity: 'error' as const, file, message: `YAML error: ${e.message.split('\n')[0]}` })) };
  }
  return { doc: doc.toJS(), problems: [] };
}

export function readLexiconText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new LexiconError([`${file}: cannot read: ${(err as Error).message}`]);
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
  return lexicons;
}
