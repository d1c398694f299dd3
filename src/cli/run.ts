/**
 * The CLI: parses arguments with commander, runs the command, and maps its
 * outcome to the exit code, here and nowhere else:
 *   0  ok (also when the reader of stdout went away: `| head`)
 *   1  findings, only when asked (score --fail-on, an eval gate, diff
 *      --fail-on-new-flags, a failing lexicon example)
 *   2  usage error, lexicon error, input error (an input that broke off
 *      included: what was read before is still written), output error, or
 *      any other fatal error
 */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { LexiconError, WildsiftError } from '../core/errors.js';
import type { CliIO } from './io.js';
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
import { printable } from '../core/display.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

/** The message of an error of ours, with the flag it is about. */
function describe(err: WildsiftError): string {
  const hint = err.option !== undefined ? ` (${flagName(err.option)})` : '';
  if (err instanceof LexiconError) return `lexicon error:\n  ${err.message.split('\n').join('\n  ')}${hint}`;
  return err.message + hint;
}

export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  // a reader that goes away (`| head`) is not an error: what it wanted it has
  const ignoreEpipe = (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  };
  io.stdout.on('error', ignoreEpipe);
  const ctx = new CliContext(io);
  let outcome = 'ok' as 'ok' | 'findings';
  const program = new Command('wildsift')
    .description('Triage scraped listings for potential illegal wildlife trade: scores, ranks and explains. It flags for human review; it never decides legality.')
    .version(version, '-V, --version')
    .addHelpText('after', '\nExit codes: 0 ok; 1 findings, only when asked (score --fail-on, an eval gate, diff --fail-on-new-flags, a lexicon test failure); 2 usage, lexicon, input or output error.');
  const configure = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) }).showHelpAfterError('(run with --help for usage)');
    for (const sub of cmd.commands) configure(sub);
  };
  const report = (o: 'ok' | 'findings') => { outcome = o; };
  for (const make of [scoreCommand, explainCommand, evalCommand, diffCommand, mergeCommand, statsCommand, reportCommand, lexiconCommand]) program.addCommand(make(ctx, report));
  configure(program);
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
    io.stderr.write(`wildsift: unexpected error: ${(err as Error).stack ?? String(err)}\n`);
    return EXIT.error;
  } finally {
    ctx.close();
  }
}
