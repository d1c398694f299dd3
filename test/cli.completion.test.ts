/**
 * wildsift completion: the scripts are generated from the command
 * definitions; the bash one is run in a real bash, word by word, and must
 * offer every command and every option that `--help` lists.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-completion-'));

/** COMPREPLY of the bash script for these words (the last is the word being completed). */
function complete(script: string, words: string[][]): string[] {
  const file = path.join(dir, 'wildsift.bash');
  writeFileSync(file, script);
  const calls = words.map((w) => `COMP_WORDS=(${w.map((x) => `'${x}'`).join(' ')}); COMP_CWORD=${w.length - 1}; COMPREPLY=(); _wildsift; echo "\${COMPREPLY[*]}"`).join('\n');
  const r = spawnSync('bash', ['-c', `source '${file}'\n${calls}`], { encoding: 'utf8', cwd: process.cwd() });
  expect(r.stderr).toBe('');
  return r.stdout.split('\n').slice(0, words.length);
}

/** The long flags a command's --help lists. */
async function helpFlags(args: string[]): Promise<string[]> {
  const help = (await cli([...args, '--help'])).stdout;
  return [...new Set([...help.matchAll(/^\s+(?:-\w, )?(--[a-z][a-z0-9-]*)/gm)].map((m) => m[1]!))];
}

describe('wildsift completion (built binary)', () => {
  it('bash: commands, subcommands, options, option values and file names complete in a real bash', async () => {
    const r = await cli(['completion', 'bash']);
    expect(r.code).toBe(0);
    const got = complete(r.stdout, [
      ['wildsift', ''],
      ['wildsift', 'sc'],
      ['wildsift', 'score', '--fo'],
      ['wildsift', 'score', '--format', ''],
      ['wildsift', 'score', '-f', 'js'],
      ['wildsift', 'lexicon', ''],
      ['wildsift', 'lexicon', 'lint', '--f'],
      ['wildsift', 'completion', ''],
      ['wildsift', 'score', 'fixtures/sample/li'],
      ['wildsift', 'explain', '--format', ''],
    ]);
    expect(got[0]!.split(' ')).toEqual(['score', 'explain', 'eval', 'train', 'diff', 'merge', 'stats', 'report', 'sellers', 'suggest', 'lexicon', 'completion', 'config', 'help']);
    expect(got.slice(1)).toEqual(['score', '--format', 'table jsonl json csv', 'jsonl json', 'lint test list', '--format', 'bash zsh fish', 'fixtures/sample/listings.csv', 'text json']);
  });

  it('bash: every option that --help lists completes, for every command', async () => {
    const script = (await cli(['completion', 'bash'])).stdout;
    for (const cmd of [['score'], ['explain'], ['eval'], ['train'], ['diff'], ['merge'], ['stats'], ['report'], ['sellers'], ['suggest'], ['lexicon', 'test']]) {
      const flags = await helpFlags(cmd);
      expect(flags.length, cmd.join(' ')).toBeGreaterThan(cmd[0] === 'lexicon' ? 0 : 3);
      const [offered] = complete(script, [['wildsift', ...cmd, '--']]);
      for (const f of flags) expect(offered!.split(' '), `${cmd.join(' ')} ${f}`).toContain(f);
    }
  });

  it('zsh loads the bash script through bashcompinit; fish gets one complete line per command and option', async () => {
    const zsh = (await cli(['completion', 'zsh'])).stdout;
    const bash = (await cli(['completion', 'bash'])).stdout;
    expect(zsh.startsWith('#compdef wildsift\n')).toBe(true);
    expect(zsh).toContain('autoload -U +X bashcompinit && bashcompinit');
    expect(zsh.endsWith(bash)).toBe(true);
    const fish = (await cli(['completion', 'fish'])).stdout;
    for (const c of ['score', 'explain', 'eval', 'train', 'diff', 'merge', 'stats', 'report', 'sellers', 'suggest', 'lexicon', 'completion', 'config']) expect(fish).toContain(`-n '__fish_use_subcommand' -a ${c} -d `);
    expect(fish).toContain("complete -c wildsift -n '__fish_seen_subcommand_from score' -l format -s f -x -a 'table jsonl json csv'");
    expect(fish).toContain("-n '__fish_seen_subcommand_from lexicon; and not __fish_seen_subcommand_from lint test list' -a lint");
    expect(fish).toContain("complete -c wildsift -n '__fish_seen_subcommand_from completion' -x -a 'bash zsh fish'");
  });

  it('refuses another shell (exit 2, the choices named)', async () => {
    const r = await cli(['completion', 'tcsh']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Allowed choices are bash, zsh, fish');
    expect(r.stdout).toBe('');
  });
});
