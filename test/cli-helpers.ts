import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const BIN = path.resolve('dist/cli/main.js');
export const MINI = ['--no-default-lexicons', '--lexicon', 'test/fixtures/lexicons/mini.yaml'];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built binary, as a user would. */
export function cli(args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}): CliResult {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...opts.env };
  delete env.FORCE_COLOR;
  if (opts.env?.FORCE_COLOR) env.FORCE_COLOR = opts.env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { input: opts.input ?? '', env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function jsonLines(s: string): Record<string, unknown>[] {
  return s.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>);
}
