/**
 * The CLI: parses arguments with commander, runs the command, and maps its
 * outcome to the exit code, here and nowhere else:
 *   0  ok (also when the reader of stdout went away: `| head`)
 *   1  findings, only when asked (score --fail-on, an eval gate, diff
 *      --fail-on-new-flags, a failing lexicon example)
 *   2  usage error, lexicon error, input error (an input that broke off
 *      included: what was read before is still written to stdout; an
 *      --output file is left as it was), output error (a full disk, a
 *      folder that cannot be written), or any other fatal error
 *   130, 143  stopped by SIGINT, SIGTERM (cli/main.ts; temporary files removed)
 */
import { Command, CommanderError } from 'commander';
import { describeErrno, LexiconError, WildsiftError } from '../core/errors.js';
import { writeError, type CliIO } from './io.js';
import { CliContext } from './context.js';
import { flagName } from './options.js';
import { scoreCommand } from './commands/score.js';
import { explainCommand } from './commands/explain.js';
import { lexiconCommand } from './commands/lexicon.js';
import { evalCommand } from './commands/eval.js';
import { diffCommand } from './commands/diff.js';
import { mergeCommand } from './commands/merge.js';
import { statsCommand } from './commands/stats.js';
import { reportCommand } from './commands/report.js';
import { printable } from '../core/printable.js';
import { version } from './version.js';
import { trainCommand } from './commands/train.js';
import { completionCommand } from './commands/completion.js';
import { suggestCommand } from './commands/suggest.js';
import { sellersCommand } from './commands/sellers.js';
import { configCommand } from './commands/config.js';
import { applyConfig, findConfig, loadConfig } from './config.js';
import path from 'node:path';


export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

/** The message of an error of ours, with the flag it is about. */
function describe(err: WildsiftError): string {
  const hint = err.option !== undefined ? ` (${flagName(err.option)})` : '';
  if (err instanceof LexiconError) return `lexicon error:\n  ${err.message.split('\n').join('\n  ')}${hint}`;
  return err.message + hint;
}

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  // a reader that goes away (`| head`) is not an error: what it wanted it has;
  // any other write error on stdout (a full disk) is, and is reported once below
  let stdoutFailure: NodeJS.ErrnoException | undefined;
  io.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') stdoutFailure ??= err;
  });
  const ctx = new CliContext(io);
  let code: number;
  try {
    code = await runCommand(argv, io, ctx);
  } finally {
    ctx.close();
  }
  // what was written to stdout is handed over before the exit code is final, so its write errors count
  if (!io.stdout.destroyed && !io.stdout.writableEnded) await new Promise<void>((resolve) => io.stdout.write('', () => resolve()));
  if (stdoutFailure && code !== EXIT.error) {
    io.stderr.write(`wildsift: ${writeError('stdout', stdoutFailure).message}\n`);
    return EXIT.error;
  }
  return code;
}

async function runCommand(argv: readonly string[], io: CliIO, ctx: CliContext): Promise<number> {
  let outcome = 'ok' as 'ok' | 'findings';
  const program = new Command('wildsift')
    .description('Triage scraped listings for potential illegal wildlife trade: scores, ranks and explains. It flags for human review; it never decides legality.')
    .version(version, '-V, --version')
    .addHelpText('after', '\nExit codes: 0 ok; 1 findings, only when asked (score --fail-on, an eval gate, diff --fail-on-new-flags, a lexicon test failure); 2 usage, lexicon, input or output error; 130 and 143 stopped by SIGINT and SIGTERM.');
  const configure = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }).showHelpAfterError('(run with --help for usage)');
    for (const sub of cmd.commands) configure(sub);
  };
  const report = (o: 'ok' | 'findings') => { outcome = o; };
  for (const make of [scoreCommand, explainCommand, evalCommand, trainCommand, diffCommand, mergeCommand, statsCommand, reportCommand, sellersCommand, suggestCommand, lexiconCommand]) program.addCommand(make(ctx, report));
  program.addCommand(completionCommand(ctx, () => program));
  program
    .option('--config <file>', 'read option defaults from this file (default: wildsift.config.json, .yaml or .yml here or in a folder above)')
    .option('--no-config', 'read no config file');
  const configFile = (): string | false | undefined => {
    const v = program.opts().config as string | boolean | undefined;
    return v === false ? false : typeof v === 'string' ? path.resolve(v) : undefined;
  };
  program.addCommand(configCommand(ctx, () => program, configFile));
  // config defaults go in before the command's own hooks (the lexicon options read them) and its action
  program.hook('preAction', (_program, action) => {
    if (action.name() === 'config' || action.name() === 'completion') return;
    const named = configFile();
    const file = named === false ? undefined : named ?? findConfig(process.cwd());
    if (!file) return;
    const parent = action.parent && action.parent !== program ? `${action.parent.name()} ` : '';
    applyConfig(action, `${parent}${action.name()}`, loadConfig(file, program), (m) => ctx.warn(m));
  });
  configure(program);
  // no command, or help on a command that does not exist: usage on stderr, exit 2
  const names = program.commands.map((c) => c.name());
  if (argv.length === 0 || (argv[0] === 'help' && argv[1] !== undefined && !names.includes(argv[1]))) {
    if (argv.length > 0) io.stderr.write(`wildsift: unknown command '${printable(argv[1]!)}' (commands: ${names.join(', ')})\n`);
    io.stderr.write(program.helpInformation());
    return EXIT.error;
  }
  try {
    await program.parseAsync(['node', 'wildsift', ...argv]);
    if (ctx.inputBroken) return EXIT.error;
    return outcome === 'findings' ? EXIT.findings : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help' ? EXIT.ok : EXIT.error;
    }
    if (err instanceof WildsiftError) {
      if (err.exitCode !== EXIT.ok) io.stderr.write(`wildsift: ${printable(describe(err), '\n')}\n`);
      return err.exitCode;
    }
    const e = err as NodeJS.ErrnoException;
    // a file-system error that no layer named: one line with the file
    if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) {
      io.stderr.write(`wildsift: ${e.path ? `${e.path}: ` : ''}${describeErrno(e)}\n`);
      return EXIT.error;
    }
    const debug = io.env.WILDSIFT_DEBUG !== undefined && io.env.WILDSIFT_DEBUG !== '';
    io.stderr.write(`wildsift: unexpected error: ${debug ? (e?.stack ?? String(err)) : `${e?.message ?? String(err)} (this is a bug; run with WILDSIFT_DEBUG=1 for the stack trace and report it)`}\n`);
    return EXIT.error;
  }
}
