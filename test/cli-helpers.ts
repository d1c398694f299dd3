import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';

export const BIN = path.resolve('dist/cli/main.js');
export const MINI = ['--no-default-lexicons', '--lexicon', 'test/fixtures/lexicons/mini.yaml'];

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

type Run = (argv: readonly string[], io: import('../src/cli/io.js').CliIO) => Promise<number>;
let runFn: Run | undefined;

/**
 * Runs the CLI in this process through `run(argv, io)` of the built
 * dist/cli/run.js, with its own streams and environment (no inherited
 * FORCE_COLOR, stdout and stderr not terminals unless asked). Use `spawnCli`
 * for what needs a real process: exit on signals, EPIPE, a second worker pool.
 */
export async function cli(args: string[], opts: { input?: string | Buffer; env?: Record<string, string>; tty?: boolean; columns?: number } = {}): Promise<CliResult> {
  runFn ??= ((await import(pathToFileURL(path.resolve('dist/cli/run.js')).href)) as { run: Run }).run;
  const stdin = new PassThrough();
  stdin.end(opts.input ?? '');
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, ...opts.env };
  const code = await runFn(args, { stdin, stdout, stderr, env, stdoutIsTTY: opts.tty === true, stderrIsTTY: opts.tty === true, ...(opts.columns !== undefined ? { columns: opts.columns } : {}) });
  stdout.end();
  stderr.end();
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

/** Runs the built binary in a child process, as a user would. */
export function spawnCli(args: string[], opts: { input?: string | Buffer; env?: Record<string, string> } = {}): CliResult {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), ...opts.env };
  delete env.FORCE_COLOR;
  if (opts.env?.FORCE_COLOR) env.FORCE_COLOR = opts.env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { input: opts.input ?? '', env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function jsonLines(s: string): Record<string, unknown>[] {
  return s.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as Record<string, unknown>);
}
