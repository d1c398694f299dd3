/**
 * The config file: defaults for every command's options, kept in
 * `wildsift.config.json`, `.yaml` or `.yml`, found in the working folder or
 * the nearest folder above it, or named with `--config`. Command-line flags
 * win over the file, the file over the built-in defaults. The schema is made
 * from the command definitions, so every option can be set and nothing else.
 *
 * ```yaml
 * defaults:            # every command that has the option
 *   lexicon: [lexicons/extra]
 *   context: bio,shop_name
 * score:
 *   format: csv
 *   jobs: 2
 *   sort: false        # --no-sort
 * ```
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Command, Option } from 'commander';
import { UsageError } from '../core/errors.js';

export const CONFIG_NAMES = ['wildsift.config.json', 'wildsift.config.yaml', 'wildsift.config.yml'];
/** Options whose values are paths: read relative to the config file's folder. */
const PATH_OPTIONS = new Set(['lexicon', 'model', 'baseline', 'seen', 'background', 'errors']);
/** Options a config does not set: they name a run's own files or are about the config itself. */
const NOT_IN_CONFIG = new Set(['output', 'help', 'version', 'config', 'summary-json']);

export interface LoadedConfig {
  file: string;
  /** section (command name or "defaults") -> option key -> value */
  sections: Record<string, Record<string, unknown>>;
}

/** The config file: the one named, else the first of CONFIG_NAMES in `cwd` or a folder above it. */
export function findConfig(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const n of CONFIG_NAMES) if (existsSync(path.join(dir, n))) return path.join(dir, n);
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The key of an option in a config: its long name without dashes or "no-" (`dup-distance`, `sort` for --no-sort). */
export function configKey(o: Option): string | undefined {
  const long = o.long?.replace(/^--/, '');
  if (!long) return undefined;
  return o.negate ? long.replace(/^no-/, '') : long;
}

function optionSchema(o: Option): object {
  if (!o.required && !o.optional) return { type: 'boolean' };
  if (o.argChoices) return { enum: [...o.argChoices] };
  // repeatable or comma lists take a list too; numbers are checked by the option's own parser
  return { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } }] };
}

function configurable(c: Command): Option[] {
  return c.options.filter((o) => { const k = configKey(o); return k !== undefined && !NOT_IN_CONFIG.has(k); });
}

/** The JSON Schema of a config for these commands (and their subcommands, as "lexicon lint"). */
export function configSchema(program: Command): object {
  const sections: Record<string, object> = {};
  const all = new Map<string, object>();
  const add = (name: string, c: Command) => {
    const props: Record<string, object> = {};
    for (const o of configurable(c)) { props[configKey(o)!] = optionSchema(o); all.set(configKey(o)!, optionSchema(o)); }
    sections[name] = { type: 'object', additionalProperties: false, properties: props };
  };
  for (const c of program.commands) {
    add(c.name(), c);
    for (const s of c.commands) add(`${c.name()} ${s.name()}`, s);
  }
  sections.defaults = { type: 'object', additionalProperties: false, properties: Object.fromEntries(all) };
  return { type: ['object', 'null'], additionalProperties: false, properties: { $schema: { type: 'string' }, ...sections } };
}

/** Reads and checks a config file (exit 2 with every problem, each with its place in the file). */
export function loadConfig(file: string, program: Command): LoadedConfig {
  const bad = (msg: string) => new UsageError(`${file}: ${msg}`, { option: 'config' });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw bad(`cannot read the config file: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  const req = createRequire(import.meta.url);
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : (req('yaml') as typeof import('yaml')).parse(text);
  } catch (err) {
    throw bad(`not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message.split('\n')[0]}`);
  }
  const { Ajv } = req('ajv') as typeof import('ajv');
  const validate = new Ajv({ allErrors: true, strict: false }).compile(configSchema(program));
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => {
      const at = e.instancePath.replace(/^\//, '').split('/').join('.') || '(top)';
      if (e.keyword === 'additionalProperties') {
        const extra = (e.params as { additionalProperty: string }).additionalProperty;
        return at === '(top)' ? `unknown section "${extra}" (sections: defaults and the command names)` : `${at}: unknown option "${extra}"`;
      }
      return `${at}: ${e.message ?? 'invalid'}`;
    });
    throw bad([...new Set(problems)].join('; '));
  }
  const sections: Record<string, Record<string, unknown>> = {};
  for (const [k, v] of Object.entries((data ?? {}) as Record<string, unknown>)) if (k !== '$schema') sections[k] = v as Record<string, unknown>;
  return { file, sections };
}

/** How each option of a command got its value: "default", "config <file>" or "cli". */
export function valueSource(c: Command, o: Option): string {
  const src = c.getOptionValueSource(o.attributeName());
  return src === 'cli' ? 'command line' : src === 'config' ? 'config' : src === 'env' ? 'environment' : 'default';
}

/**
 * Sets the options of `c` that the command line left at their defaults from
 * the config (its section, then "defaults"), through each option's own parser
 * and choices, so a config value is checked as the same flag would be.
 */
export function applyConfig(c: Command, sectionName: string, config: LoadedConfig, warn: (m: string) => void): void {
  const section = config.sections[sectionName] ?? {};
  const defaults = config.sections.defaults ?? {};
  const dir = path.dirname(config.file);
  for (const o of configurable(c)) {
    const key = configKey(o)!;
    const raw = key in section ? section[key] : defaults[key];
    if (raw === undefined) continue;
    const src = c.getOptionValueSource(o.attributeName());
    if (src === 'cli' || src === 'env') continue;
    let value: unknown;
    if (!o.required && !o.optional) value = o.negate ? raw === false ? false : true : raw;
    else {
      const values = Array.isArray(raw) ? raw.map(String) : [String(raw)];
      const resolved = PATH_OPTIONS.has(key) ? values.map((v) => (v === '-' || path.isAbsolute(v) ? v : path.join(dir, v))) : values;
      try {
        for (const v of resolved) {
          if (o.argChoices && !o.argChoices.includes(v)) throw new Error(`must be one of ${o.argChoices.join(', ')}`);
          value = o.parseArg ? o.parseArg(v, value as never) : v;
        }
      } catch (err) {
        throw new UsageError(`${config.file}: ${sectionName}.${key}: ${(err as Error).message}`, { option: 'config' });
      }
    }
    if (o.negate && key === 'default-lexicons' && value === false) warn(`${config.file} turns the built-in lexicons off (default-lexicons: false) for ${sectionName}`);
    c.setOptionValueWithSource(o.attributeName(), value, 'config');
  }
}
