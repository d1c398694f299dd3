/**
 * The CLI: parses arguments with commander and maps outcomes to exit codes.
 *   0  ok
 *   1  a listing reached the level given to --fail-on (only when asked)
 *   2  usage error, lexicon error, input error, or any other fatal error
 */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import type { CliIO } from './io.js';
import { scoreCommand } from './commands/score.js';
import { explainCommand } from './commands/explain.js';
import { lexiconCommand } from './commands/lexicon.js';
import { evalCommand } from './commands/eval.js';
import { diffCommand } from './commands/diff.js';
import { mergeCommand } from './commands/merge.js';
import { statsCommand } from './commands/stats.js';
import { reportCommand } from './commands/report.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  // a reader that goes away (`| head`) is not an error: what it wanted it has
  const ignoreEpipe = (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  };
  io.stdout.on('error', ignoreEpipe);
  let exitCode = 0;
  const setExit = (code: number) => { exitCode = code; };
  const program = new Command('wildsift')
    .description('Triage scraped listings for potential illegal wildlife trade: scores, ranks and explains. It flags for human review; it never decides legality.')
    .version(version, '-V, --version')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', '\nExit codes: 0 ok; 1 findings, only when asked (score --fail-on, an eval gate, diff --fail-on-new-flags, a lexicon test failure); 2 usage, lexicon or input error.');
  const configure = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }).showHelpAfterError('(run with --help for usage)');
    for (const sub of cmd.commands) configure(sub);
  };
  for (const cmd of [scoreCommand(io, setExit), explainCommand(io, setExit), evalCommand(io, setExit), diffCommand(io, setExit), mergeCommand(io, setExit), statsCommand(io, setExit), reportCommand(io, setExit), lexiconCommand(io, setExit)]) {
    configure(cmd);
    program.addCommand(cmd);
  }
  try {
    await program.parseAsync(['node', 'wildsift', ...argv]);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (err.code === 'commander.executeSubCommandAsync') return 2;
      return 2;
    }
    const e = err as Error;
    const known = ['UsageError', 'InputError', 'LexiconError'];
    if (known.includes(e.name)) {
      const body = e.name === 'LexiconError' ? `lexicon error:\n  ${e.message.split('\n').join('\n  ')}` : e.message;
      io.stderr.write(`wildsift: ${body}\n`);
      return 2;
    }
    io.stderr.write(`wildsift: unexpected error: ${e.stack ?? String(e)}\n`);
    return 2;
  }
}
