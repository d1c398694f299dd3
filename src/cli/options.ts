/**
 * Flags shared by commands, their parsers, and the one conversion of flags
 * to the app's options (readSettingsOf, lexiconsOf, outputFormatOf).
 */
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_THRESHOLD } from '../core/score.js';
import type { InputFormat } from '../input/detect.js';
import type { ReadSettings } from '../input/read.js';
import type { LoadOptions } from '../lexicon/files.js';
import type { LoadedModel } from '../lexicon/model.js';
import type { RecordsRun } from '../app/records.js';
import { formatProblem, UsageError } from '../core/errors.js';
import { formatOfName, type OutputFormat } from '../output/formats.js';
import { version } from './version.js';

/** What errorPolicyOptions() adds to a command's flags. */
export interface ErrorPolicyFlags {
  onError: 'skip' | 'fail';
  errors?: string;
  maxErrors?: number;
}

/** What inputOptions() adds to a command's flags. */
export interface InputFlags extends ErrorPolicyFlags {
  text?: string[];
  context?: string[];
  id?: string;
  inputFormat?: InputFormat;
  delimiter?: string;
  encoding?: string;
  maxFieldSize: number;
}

/** What lexiconOptions() adds. */
export interface LexiconFlags {
  lexicon?: string[];
  defaultLexicons: boolean;
  replaceLexicon?: boolean;
  /** false with --no-cache */
  cache?: boolean;
  /** the compiled-lexicon cache folder, from the environment (set before the action) */
  cacheDir?: string;
}

/**
 * The folder of compiled lexicons: $XDG_CACHE_HOME/wildsift, else
 * ~/.cache/wildsift (the XDG Base Directory rule: a relative XDG_CACHE_HOME
 * is ignored); none without either.
 */
export function cacheDirOf(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, 'wildsift');
  return env.HOME && path.isAbsolute(env.HOME) ? path.join(env.HOME, '.cache', 'wildsift') : undefined;
}

export function commaList(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((s) => s.trim()).filter((s) => s.length > 0)];
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function probability(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new InvalidArgumentError('expected a number from 0 to 1');
  return n;
}

export function positiveNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < 1) throw new InvalidArgumentError('expected a whole number of 1 or more');
  return n;
}

export function oneOf<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of: ${choices.join(', ')}`);
    return value as T;
  };
}

/** Input options shared by every command that reads listings. */
export function inputOptions(cmd: Command): Command {
  cmd
    .option('--text <fields>', 'comma-separated text fields to score (dotted paths for nested JSON); default: title, name, description, desc, body, text, content, caption, message, tags when present, else every string field', commaList)
    .option('--context <fields>', 'comma-separated fields that describe the seller or the page (a bio, a shop name), scored as context: their hits corroborate and add context, never count as evidence alone; "none" for none; default: bio, user_description, author_bio, seller_bio, profile, about, page_title, page_name, store_name, store_description, seller.*, user.*, author.*, shop.*, shop*, seller_* when present', commaList)
    .option('--id <field>', 'field holding the listing id; default: id, listing_id or url when present, else the row number')
    .addOption(new Option('--input-format <format>', 'input format when the extension and content do not tell').choices(['csv', 'tsv', 'json', 'jsonl']))
    .option('--delimiter <char>', 'CSV delimiter, one character or "tab" (default: sniffed from the header line)', delimiterOf)
    .option('--encoding <name>', 'input encoding: utf-8 (default; utf-16 is found from a byte-order mark), gb18030, gbk, big5, shift_jis, windows-1252, iso-8859-1...')
    .option('--max-field-size <n>', 'cut longer text fields to n characters, with a warning', positiveInt, 1_000_000);
  return errorPolicyOptions(cmd);
}

/** What happens to a record that cannot be read: shared by every command that reads records. */
export function errorPolicyOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--on-error <policy>', 'a malformed record: skip it and report it (default), or stop with exit 2').choices(['skip', 'fail']).default('skip'))
    .option('--errors <file>', 'also write every rejected record to this file as JSON Lines (input, row, line, reason, excerpt)')
    .option('--max-errors <n>', 'stop with exit 2 when more than n records are rejected', nonNegativeInt);
}

export function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number of 0 or more');
  return Number(value);
}

/**
 * Lexicon options shared by score, explain, eval, stats and report. Before
 * the action (lexicons may load later, in worker threads), `warn` gets one
 * warning per built-in lexicon a --lexicon file replaces, unless
 * --replace-lexicon says it is meant (or --scored loads no lexicons).
 */
export function lexiconOptions(cmd: Command, warn: (message: string) => void, env: Readonly<Record<string, string | undefined>>): Command {
  return cmd
    .option('--lexicon <path>', 'lexicon file or folder to add; one named like a built-in lexicon replaces it, with a warning (repeatable)', collect)
    .option('--no-default-lexicons', 'do not load the built-in lexicons')
    .option('--replace-lexicon', 'a --lexicon file named like a built-in lexicon replaces it on purpose: no warning')
    .option('--no-cache', 'compile the lexicons afresh, without reading or writing the compiled-lexicon cache ($XDG_CACHE_HOME/wildsift or ~/.cache/wildsift)')
    .hook('preAction', async () => {
      const dir = cacheDirOf(env);
      if (dir !== undefined) cmd.setOptionValue('cacheDir', dir);
      const f = cmd.opts<LexiconFlags & { scored?: boolean }>();
      if (f.replaceLexicon === true || f.scored === true || !f.lexicon?.length || f.defaultLexicons === false) return;
      // loaded here, and only for --lexicon files (yaml and the schema validator are not needed for --help,
      // --version, or a run whose compiled lexicons are in the cache)
      const { replacedBuiltins } = await import('../lexicon/load.js');
      for (const p of replacedBuiltins(lexiconsOf(f))) warn(`${formatProblem(p)} (${flagName('replaceLexicon')} to do it on purpose)`);
    });
}

export function thresholdOption(cmd: Command): Command {
  return cmd.option('--threshold <x>', `score from which a listing is flagged (0..1; default: the --model's threshold, else ${DEFAULT_THRESHOLD})`, probability);
}

/** What modelOption() adds (with --threshold). */
export interface ModelFlags {
  model?: string;
  threshold?: number;
}

export function modelOption(cmd: Command, flag = '--model', what = 'score'): Command {
  return cmd.option(`${flag} <file>`, `${what} with a learned model written by \`wildsift train\` ("none": the hand-weighted lexicon score, the default)`);
}

/** The model of a --model flag (read once, here) and the run's threshold: --threshold, else the model's, else DEFAULT_THRESHOLD. */
export async function scoringOf(modelFlag: string | undefined, threshold: number | undefined): Promise<{ model?: LoadedModel; threshold: number }> {
  if (modelFlag === undefined || modelFlag === 'none') return { threshold: threshold ?? DEFAULT_THRESHOLD };
  const { readModel } = await import('../lexicon/model.js');
  const model = { data: readModel(modelFlag), file: modelFlag };
  return { model, threshold: threshold ?? model.data.threshold };
}

export function quietColorOptions(cmd: Command): Command {
  return cmd
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)')
    .option('-q, --quiet', 'no summary line on stderr (rejected rows and warnings are still reported)');
}

/** The one-character delimiter of --delimiter ("\t" for tab). */
export function delimiterOf(value: string): string {
  if (value === '\\t' || value === 'tab') return '\t';
  if ([...value].length !== 1) throw new InvalidArgumentError(`--delimiter takes one character, got "${value}"`);
  return value;
}

export function jobsOption(cmd: Command): Command {
  return cmd.option('-j, --jobs <n>', 'worker threads that score (default: the available cores, or 1 for input files under 2 MB); results are the same for every n', positiveInt);
}

/** The command-line flag of an options key ("maxFieldSize" -> "--max-field-size"). */
/** The flag of an option key (`maxErrors` -> `--max-errors`); several keys separated by commas give several flags. */
export function flagName(option: string): string {
  return option.split(',').map((o) => `--${o.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ');
}

/** How to read the inputs, from the input flags. */
export function readSettingsOf(f: InputFlags): ReadSettings {
  return {
    ...(f.inputFormat ? { format: f.inputFormat } : {}),
    ...(f.delimiter ? { delimiter: f.delimiter } : {}),
    ...(f.encoding ? { encoding: f.encoding } : {}),
    maxFieldSize: f.maxFieldSize,
    ...(f.text ? { text: f.text } : {}),
    ...(f.id ? { id: f.id } : {}),
    ...(f.context ? { context: f.context.length === 1 && f.context[0] === 'none' ? [] : f.context } : {}),
  };
}

/** Which lexicons to load, from the lexicon flags. */
export function lexiconsOf(f: LexiconFlags): LoadOptions {
  return { paths: f.lexicon ?? [], defaults: f.defaultLexicons, scoring: true, ...(f.cache !== false && f.cacheDir ? { cache: { dir: f.cacheDir, version } } : {}) };
}

/** Lexicon paths of one side of a diff: those named, else the built-in lexicons. */
export function lexiconSideOf(paths: string[] | undefined): LoadOptions {
  return paths && paths.length > 0 ? { paths, defaults: false, scoring: true } : { scoring: true };
}

/**
 * The output format: the flag; else the --output file's extension (jsonl
 * when it has none of csv, json, jsonl, ndjson); else a table on a terminal
 * where tables are offered, and JSON Lines otherwise.
 */
export function outputFormatOf<F extends OutputFormat>(flag: F | undefined, output: string | undefined, terminal: boolean, offered: readonly F[]): F {
  if (flag) return flag;
  const want: OutputFormat = output ? (formatOfName(output) ?? 'jsonl') : terminal ? 'table' : 'jsonl';
  return (offered as readonly OutputFormat[]).includes(want) ? (want as F) : ('jsonl' as F);
}

/** --where field=value specs. */
export function whereOf(specs: string[] | undefined): { field: string; value: string }[] {
  return (specs ?? []).map((w) => {
    const eq = w.indexOf('=');
    if (eq <= 0) throw new UsageError(`takes field=value, got "${w}"`, { option: 'where' });
    return { field: w.slice(0, eq), value: w.slice(eq + 1) };
  });
}

/** The flags of a command that reads labelled listings (eval, eval --cv, train). */
export interface LabelledFlags extends InputFlags, LexiconFlags {
  label?: string;
  positive?: string[];
  skipUnlabelled?: boolean;
  productField?: string;
  langField?: string;
  where?: string[];
  jobs?: number;
}

/** What reading labelled listings takes, converted once from the flags: read settings, lexicons, jobs, label, positives, fields and row filters. */
export function labelledOf(f: LabelledFlags): {
  read: ReadSettings; lexicons: LoadOptions; jobs?: number; label?: string; positive?: string[]; skipUnlabelled?: boolean;
  productField?: string; langField?: string; where: { field: string; value: string }[];
} {
  return {
    read: readSettingsOf(f),
    lexicons: lexiconsOf(f),
    ...(f.jobs !== undefined ? { jobs: f.jobs } : {}),
    ...(f.label ? { label: f.label } : {}),
    ...(f.positive ? { positive: f.positive } : {}),
    ...(f.skipUnlabelled ? { skipUnlabelled: true } : {}),
    ...(f.productField ? { productField: f.productField } : {}),
    ...(f.langField ? { langField: f.langField } : {}),
    where: whereOf(f.where),
  };
}

/** The flags of a command that scores listings or reads them scored (stats, report, sellers). */
export interface RecordsFlags extends InputFlags, LexiconFlags, ModelFlags {
  scored?: boolean;
  jobs?: number;
}

/** How such a command gets its records, converted once from the flags (a model is refused with --scored: scored input is not scored again). */
export async function recordsRunOf(flags: RecordsFlags): Promise<RecordsRun> {
  if (flags.scored && flags.model !== undefined && flags.model !== 'none') throw new UsageError('a model scores listings, and scored input is not scored again', { option: 'model,scored' });
  const { model, threshold } = await scoringOf(flags.model, flags.threshold);
  return {
    read: readSettingsOf(flags),
    lexicons: lexiconsOf(flags),
    threshold,
    ...(model ? { model } : {}),
    scored: flags.scored === true,
    ...(flags.jobs !== undefined ? { jobs: flags.jobs } : {}),
  };
}
