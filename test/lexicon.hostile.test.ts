/**
 * Hostile or mistaken --lexicon files, end to end through the CLI: each one
 * ends in one readable lexicon error naming the file (exit 2, no stack
 * trace), or in a warning where the run can go on.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, cli, jsonLines, MINI } from './cli-helpers.js';

const H = 'test/fixtures/lexicons/hostile/';
/** the size limit of a lexicon file (README, Lexicons) */
const LIMIT = 4 * 1024 * 1024;
const CSV = 'id,title\n1,rhino horn for sale\n2,resin replica tusk\n';
const BUILTIN_BENIGN = path.resolve('lexicons/benign.yaml');
const tmp = mkdtempSync(path.join(tmpdir(), 'wildsift-lexsafe-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** score with only the given lexicon paths, on a two-row CSV */
const score = (...lexicons: string[]) => cli(['score', '-f', 'jsonl', '--no-default-lexicons', ...lexicons.flatMap((l) => ['--lexicon', l])], { input: CSV });

/** A lexicon error: exit 2, one message naming the file, no stack trace, nothing on stdout. */
function expectLexiconError(r: { code: number | null; stdout: string; stderr: string }, file: string, message: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr).toMatch(/^wildsift: lexicon error:\n/);
  expect(r.stderr).toContain(file);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
}

describe('YAML limits', () => {
  it('refuses an alias bomb ("billion laughs") with a lexicon error naming the file', async () => {
    expectLexiconError(await score(H + 'bomb.yaml'), `${H}bomb.yaml: line 3: YAML alias *a`, /aliases are not allowed in lexicon files/);
    // lint reads the file the same way: an error line, not a crash
    const lint = await cli(['lexicon', 'lint', H + 'bomb.yaml']);
    expect(lint.code).toBe(2);
    expect(lint.stdout).toContain(`error: ${H}bomb.yaml: line 3: YAML alias *a`);
    expect(lint.stderr).not.toMatch(/unexpected error/);
  });

  it('refuses any alias, even one that expands to little (a 500 KB file with 99 of them took 1.5 GB)', async () => {
    expectLexiconError(await score(H + 'alias.yaml'), `${H}alias.yaml: line 17: YAML alias *horn`, /aliases are not allowed/);
  });
});

describe('size limit', () => {
  it('refuses an endless device (/dev/zero) after reading at most the limit', { timeout: 10_000 }, async () => {
    if (!existsSync('/dev/zero')) return;
    expectLexiconError(await score('/dev/zero'), '/dev/zero: larger than 4 MiB', /the size limit of a lexicon file/);
  });

  it('refuses a file one byte over the limit and loads one exactly at it', async () => {
    const lexicon = readFileSync('test/fixtures/lexicons/mini.yaml', 'utf8');
    const padded = (n: number) => lexicon + '#'.repeat(n - Buffer.byteLength(lexicon) - 1) + '\n';
    writeFileSync(path.join(tmp, 'at.yaml'), padded(LIMIT));
    writeFileSync(path.join(tmp, 'over.yaml'), padded(LIMIT + 1));
    const at = await score(path.join(tmp, 'at.yaml'));
    expect(at.code).toBe(0);
    expect(jsonLines(at.stdout)[0]).toMatchObject({ id: '1', flagged: true });
    expectLexiconError(await score(path.join(tmp, 'over.yaml')), `${path.join(tmp, 'over.yaml')}: larger than 4 MiB (4194304 bytes)`, /size limit/);
  });
});

describe('a user lexicon named like a built-in', () => {
  const warning = `wildsift: warning: ${H}benign.yaml: lexicon "benign" replaces the built-in lexicon ${BUILTIN_BENIGN} and all its entries (--replace-lexicon to do it on purpose)\n`;
  const hits = (stdout: string) => jsonLines(stdout).flatMap((l) => (l.hits as { entry: string }[]).map((h) => h.entry));
  const run = (args: string[]) => cli(['score', '-f', 'jsonl', '-q', '--all-hits', ...args], { input: CSV });

  it('replaces it with a warning naming both files, and only then warns', async () => {
    const r = await run(['--lexicon', H + 'benign.yaml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(warning);
    expect(hits(r.stdout)).toContain('userbenign.resin');
    // without the built-in lexicons nothing is replaced; the built-in file itself replaces nothing either
    for (const args of [[...MINI, '--lexicon', H + 'benign.yaml'], ['--lexicon', 'lexicons/benign.yaml']]) {
      const quiet = await run(args);
      expect(quiet.code, args.join(' ')).toBe(0);
      expect(quiet.stderr, args.join(' ')).toBe('');
    }
    // the check knows a built-in lexicon's name from its file name
    for (const f of readdirSync('lexicons').filter((n) => n.endsWith('.yaml'))) {
      expect(readFileSync(path.join('lexicons', f), 'utf8')).toMatch(new RegExp(`^lexicon: ${f.replace(/\.yaml$/, '')}$`, 'm'));
    }
  });

  it('reads a pipe only once (`--lexicon <(...)` with the built-in lexicons)', () => {
    if (spawnSync('bash', ['-c', 'true']).status !== 0) return;
    // a small input file: one thread (worker threads read the lexicon files again, so a pipe works with one thread only)
    writeFileSync(path.join(tmp, 'in.csv'), CSV);
    const r = spawnSync('bash', ['-c', `node ${BIN} score -q -f jsonl --lexicon <(cat test/fixtures/lexicons/mini.yaml) ${path.join(tmp, 'in.csv')}`], { encoding: 'utf8', timeout: 10_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('"entry":"mini.rhino-horn"');
  });

  it('--replace-lexicon replaces it without a warning', async () => {
    const r = await run(['--replace-lexicon', '--lexicon', H + 'benign.yaml']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(hits(r.stdout)).toContain('userbenign.resin');
  });

  it.each([['explain', 'rhino horn'], ['eval', '--label', 'label', '-'], ['report']])('warns in %s too', async (...args) => {
    const input = args[0] === 'eval' ? 'id,title,label\n1,rhino horn for sale,1\n' : CSV;
    const r = await cli([...args, '--lexicon', H + 'benign.yaml'], { input });
    expect(r.stderr).toContain(warning);
    expect(r.code).toBe(0);
  });

  it('warns in stats, also with --quiet (which hides only summaries), but not with --scored (no lexicons loaded)', async () => {
    expect((await cli(['stats', '--lexicon', H + 'benign.yaml'], { input: CSV })).stderr).toBe(warning);
    expect((await cli(['stats', '-q', '--lexicon', H + 'benign.yaml'], { input: CSV })).stderr).toBe(warning);
    expect((await cli(['stats', '--scored', '--lexicon', H + 'benign.yaml'], { input: '' })).stderr).not.toContain('replaces');
  });
});

describe('no active entries', () => {
  it('is an error when no loaded entry can raise a score; lexicon test still checks such a file', async () => {
    expectLexiconError(await score(H + 'inactive.yaml'), 'no active lexicon entries', new RegExp(`none of the 3 entries of ${H}inactive.yaml is a product, species or code_word entry with a positive weight`));
    const explain = await cli(['explain', '--no-default-lexicons', '--lexicon', H + 'inactive.yaml', 'rhino horn for sale']);
    expect(explain.code).toBe(2);
    expect(explain.stderr).toContain('no active lexicon entries');
    expect((await cli(['lexicon', 'test', H + 'inactive.yaml'])).code).toBe(0);
  });
});

describe('files that are not lexicons', () => {
  it('a folder without .yaml or .yml files', async () => {
    const r = await cli(['score', '-f', 'jsonl', '--lexicon', H + 'no-yaml'], { input: CSV });
    expectLexiconError(r, `${H}no-yaml: a folder without .yaml or .yml files`, /./);
  });

  it('a folder is read for its lexicon files only (a sub-folder named x.yaml is left out)', async () => {
    const dir = path.join(tmp, 'with-subfolder');
    mkdirSync(path.join(dir, 'sub.yaml'), { recursive: true });
    writeFileSync(path.join(dir, 'mini.yaml'), readFileSync('test/fixtures/lexicons/mini.yaml'));
    const r = await score(dir);
    expect(r.stderr).not.toContain('lexicon error');
    expect(r.code).toBe(0);
  });

  it('a binary file', async () => {
    expectLexiconError(await score(H + 'binary.yaml'), `${H}binary.yaml: not a text file (it has NUL bytes)`, /./);
  });

  it('a file that is not UTF-8, with the line of the first bad byte', async () => {
    expectLexiconError(await score(H + 'latin1.yaml'), `${H}latin1.yaml: line 9: not valid UTF-8`, /save the file as UTF-8/);
  });

  it('a UTF-16 file', async () => {
    expectLexiconError(await score(H + 'utf16.yaml'), `${H}utf16.yaml: UTF-16 text`, /save the file as UTF-8/);
  });

  it('a YAML document that is a list, a single value, or nothing', async () => {
    expectLexiconError(await score(H + 'list.yaml'), `${H}list.yaml: the document is a list`, /a lexicon file is a mapping with format, lexicon, version and entries/);
    expectLexiconError(await score(H + 'scalar.yaml'), `${H}scalar.yaml: the document is a single string`, /a lexicon file is a mapping/);
    expectLexiconError(await score(H + 'empty.yaml'), `${H}empty.yaml: the document is empty`, /a lexicon file is a mapping/);
  });
});
