/** The config file: found upward from the working folder (or --config), checked against the commands' options, beaten by flags. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BIN } from './cli-helpers.js';

const SAMPLE = path.resolve('fixtures/sample/listings.csv');
function project(config: string, name = 'wildsift.config.yaml'): { root: string; sub: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'wildsift-config-'));
  const sub = path.join(root, 'a', 'b');
  mkdirSync(sub, { recursive: true });
  writeFileSync(path.join(root, name), config);
  copyFileSync('test/fixtures/lexicons/mini.yaml', path.join(root, 'mini.yaml'));
  return { root, sub };
}
const run = (cwd: string, args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('config file (built binary)', () => {
  it('is found in a folder above, sets defaults (paths relative to it), and a flag beats it', () => {
    const { sub } = project('score:\n  format: csv\n  top: 3\n  lexicon: [mini.yaml]\n');
    const r = run(sub, ['score', SAMPLE, '-q']);
    expect(r.code).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as any[];
    expect(rows).toHaveLength(3);
    // mini.yaml, resolved next to the config file, was loaded with the built-in lexicons
    const j = run(sub, ['score', SAMPLE, '-q', '-f', 'jsonl', '--top', '50']);
    const recs = j.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(recs).toHaveLength(50);
    expect(recs.some((x: any) => x.hits.some((h: any) => h.lexicon === 'mini'))).toBe(true);
    expect(recs.some((x: any) => x.hits.some((h: any) => h.lexicon === 'ivory'))).toBe(true);
  });

  it('JSON too, named with --config, or none with --no-config; "defaults" applies to every command that has the option', () => {
    const { root, sub } = project('{"defaults": {"threshold": 0.9}, "score": {"format": "csv"}}', 'settings.json');
    const named = run(sub, ['--config', path.join(root, 'settings.json'), 'score', SAMPLE]);
    expect(named.code).toBe(0);
    expect(named.stderr).toContain('flagged at threshold 0.9');
    expect(named.stdout.startsWith('rank,')).toBe(true);
    const evalRun = run(sub, ['--config', path.join(root, 'settings.json'), 'eval', SAMPLE, '--label', 'label', '--positive', 'offer', '--quiet']);
    expect(evalRun.stdout).toContain('threshold 0.9');
    const { sub: sub2 } = project('score:\n  format: csv\n');
    expect(run(sub2, ['--no-config', 'score', SAMPLE, '-q']).stdout.startsWith('{')).toBe(true);
  });

  it('refuses unknown sections and options and bad values, naming them (exit 2)', () => {
    const { sub } = project('score:\n  fromat: csv\nscroe:\n  top: 2\n');
    const r = run(sub, ['score', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('score: unknown option "fromat"');
    expect(r.stderr).toContain('unknown section "scroe"');
    expect(r.stdout).toBe('');
    const { sub: s2 } = project('score:\n  top: -3\n  format: xml\n');
    const r2 = run(s2, ['score', SAMPLE]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/score\.format: must be equal to one of the allowed values/);
  });

  it('never turns the built-in lexicons off silently; `wildsift config` shows each value and where it came from', () => {
    const { root, sub } = project('score:\n  default-lexicons: false\n  lexicon: [mini.yaml]\n  jobs: 1\n');
    const r = run(sub, ['score', SAMPLE, '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('turns the built-in lexicons off (default-lexicons: false) for score');
    const c = run(sub, ['config', 'score', '-f', 'json']);
    expect(c.code).toBe(0);
    const file = path.join(root, 'wildsift.config.yaml');
    expect(c.stdout).toContain(`config file: ${file}`);
    expect(c.stdout).toMatch(new RegExp(`\\n  jobs\\s+1\\s+config ${file.replace(/[.]/g, '\\.')}\\n`));
    expect(c.stdout).toMatch(/\n {2}format\s+"json"\s+command line\n/);
    expect(c.stdout).toMatch(/\n {2}threshold\s+-\s+default\n/);
  });
});
