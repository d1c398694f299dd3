/** Wires `wildsift lexicon lint|test|list`. */
import { printable } from '../../core/printable.js';
import { lexiconFiles, loadLexicons, readLexiconText } from '../../lexicon/load.js';
import { lintTexts } from '../../lexicon/lint.js';
import { checkExamples } from '../../lexicon/examples.js';
import { coverage } from '../../lexicon/coverage.js';
import { BUILTIN_LEXICON_DIR } from '../../lexicon/paths.js';
import { formatProblem, LexiconError } from '../../core/errors.js';
import type { Lexicon } from '../../core/types.js';
import type { CliContext, Outcome } from '../context.js';
import { coverageTable } from '../render/lexicon.js';
import { entryLine, sarifLog } from '../../output/sarif.js';
import { version } from '../version.js';

export interface LexiconCommandFlags {
  format: 'text' | 'json' | 'sarif';
  color: boolean;
}

function load(paths: string[]): Lexicon[] {
  return paths.length === 0 ? loadLexicons() : loadLexicons({ paths, defaults: false });
}

export async function runLint(paths: string[], flags: LexiconCommandFlags, ctx: CliContext): Promise<Outcome> {
  const { io } = ctx;
  const files = (paths.length === 0 ? [BUILTIN_LEXICON_DIR] : paths).flatMap((p) => lexiconFiles(p));
  const texts = files.map((file) => ({ file, text: readLexiconText(file) }));
  const problems = lintTexts(texts);
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (flags.format === 'json') {
    io.stdout.write(JSON.stringify({ files: files.length, errors: errors.length, warnings: warnings.length, problems }, null, 2) + '\n');
  } else if (flags.format === 'sarif') {
    const textOf = new Map(texts.map((t) => [t.file, t.text]));
    const rules = [
      { id: 'lexicon-lint/error', description: 'a lexicon file that does not load, or an entry that cannot work as written' },
      { id: 'lexicon-lint/warning', description: 'an entry that loads but is likely a mistake' },
    ];
    const results = problems.map((p) => {
      const line = entryLine(textOf.get(p.file) ?? '', p.entry);
      return { ruleId: `lexicon-lint/${p.severity}`, level: p.severity, message: formatProblem(p), file: p.file, ...(line !== undefined ? { line } : {}) };
    });
    io.stdout.write(JSON.stringify(sarifLog({ name: 'wildsift lexicon lint', version, uri: 'https://www.npmjs.com/package/wildsift' }, rules, results), null, 2) + '\n');
  } else {
    const c = ctx.chalk('stdout', flags.color);
    for (const p of problems) io.stdout.write(`${p.severity === 'error' ? c.red('error') : c.yellow('warning')}: ${printable(formatProblem(p))}\n`);
    io.stdout.write(`${files.length} file${files.length === 1 ? '' : 's'} checked: ${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}\n`);
  }
  if (errors.length > 0) throw new LexiconError([`${errors.length} error${errors.length === 1 ? '' : 's'} in ${files.length} lexicon file${files.length === 1 ? '' : 's'}`]);
  return 'ok';
}

export async function runTest(paths: string[], flags: LexiconCommandFlags, ctx: CliContext): Promise<Outcome> {
  const { io } = ctx;
  const lexicons = load(paths);
  const { checked, failures } = checkExamples(lexicons);
  if (flags.format === 'json') {
    io.stdout.write(JSON.stringify({ checked, failed: failures.length, failures }, null, 2) + '\n');
  } else {
    const c = ctx.chalk('stdout', flags.color);
    for (const f of failures) {
      const what = f.expected === 'match' ? 'should hit this entry but did not' : 'should not hit this entry but did';
      // lexicon text shown with its controls escaped, like scraped text
      io.stdout.write(`${c.red('FAIL')} ${printable(`${f.file ?? f.lexicon}: entry ${f.entry}: ${f.expected} example ${JSON.stringify(f.example)} ${what}; hits: ${f.got.length > 0 ? f.got.join(', ') : '(none)'}`)}\n`);
    }
    const entries = lexicons.reduce((n, l) => n + l.entries.length, 0);
    io.stdout.write(`${checked} examples of ${entries} entries in ${lexicons.length} lexicons: ${checked - failures.length} passed, ${failures.length} failed\n`);
  }
  return failures.length > 0 ? 'findings' : 'ok';
}

export async function runList(paths: string[], flags: LexiconCommandFlags, ctx: CliContext): Promise<Outcome> {
  const { io } = ctx;
  const lexicons = load(paths);
  const cov = coverage(lexicons);
  const entries = lexicons.flatMap((l) =>
    l.entries.map((e) => ({
      id: e.id,
      lexicon: l.name,
      product: e.product,
      kind: e.kind,
      weight: e.weight,
      corroboration: e.corroboration,
      languages: Object.keys(e.terms),
      terms: Object.values(e.terms).reduce((n, t) => n + t.length, 0),
    })),
  );
  if (flags.format === 'json') {
    io.stdout.write(
      JSON.stringify(
        {
          lexicons: lexicons.map((l) => ({ name: l.name, version: l.version, file: l.file, entries: l.entries.length })),
          entries,
          coverage: cov,
        },
        null,
        2,
      ) + '\n',
    );
    return 'ok';
  }
  const c = ctx.chalk('stdout', flags.color);
  const w = Math.max(...entries.map((e) => e.id.length), 2);
  io.stdout.write(c.bold(`${'id'.padEnd(w)}  ${'product'.padEnd(14)}  ${'kind'.padEnd(12)}  ${'weight'.padStart(6)}  terms  languages`) + '\n');
  for (const e of entries) {
    io.stdout.write(`${e.id.padEnd(w)}  ${e.product.padEnd(14)}  ${e.kind.padEnd(12)}  ${e.weight.toFixed(2).padStart(6)}  ${String(e.terms).padStart(5)}  ${e.languages.join(' ')}\n`);
  }
  io.stdout.write('\n' + coverageTable(cov, (s) => c.dim(s)));
  io.stdout.write(`\n${lexicons.length} lexicons, ${entries.length} entries, ${entries.reduce((n, e) => n + e.terms, 0)} terms; ${cov.products.length} products\n`);
  return 'ok';
}
