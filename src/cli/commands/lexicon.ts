/** `wildsift lexicon`: lint, test and list lexicons. */
import { Command, Option } from 'commander';
import type { CliContext, Outcome } from '../context.js';
import type { LexiconCommandFlags } from '../actions/lexicon.js';


const PATHS_HELP = 'lexicon files or folders; default: the built-in lexicons';

export function lexiconCommand(ctx: CliContext, report: (o: Outcome) => void): Command {
  const format = (sarif = false) =>
    new Option('-f, --format <format>', sarif ? 'output format (sarif: a SARIF 2.1.0 log for code-scanning annotations)' : 'output format').choices(sarif ? ['text', 'json', 'sarif'] : ['text', 'json']).default('text');
  const lexicon = new Command('lexicon')
    .summary('check, test and list lexicons')
    .description('Check lexicon files (lint), run their examples through the scorer (test), and list their entries and coverage (list).');

  lexicon
    .command('lint')
    .summary('report schema errors, duplicate and empty terms, missing sources and examples')
    .argument('[paths...]', PATHS_HELP)
    .addOption(format(true))
    .option('--no-color', 'no colour')
    .addHelpText('after', '\nExit codes: 0 no errors (warnings may be printed); 2 errors found or files unreadable.')
    .action(async (paths: string[], flags: LexiconCommandFlags) => {
      const { runLint } = await import('../actions/lexicon.js');
      report(await runLint(paths, flags, ctx));
    });

  lexicon
    .command('test')
    .summary("run every entry's examples through the real scoring path")
    .argument('[paths...]', PATHS_HELP)
    .addOption(format())
    .option('--no-color', 'no colour')
    .addHelpText('after', '\nExit codes: 0 every example behaves as declared; 1 some example does not; 2 lexicon error.')
    .action(async (paths: string[], flags: LexiconCommandFlags) => {
      const { runTest } = await import('../actions/lexicon.js');
      report(await runTest(paths, flags, ctx));
    });

  lexicon
    .command('list')
    .summary('list entries, and a product x language coverage table')
    .argument('[paths...]', PATHS_HELP)
    .addOption(format())
    .option('--no-color', 'no colour')
    .action(async (paths: string[], flags: LexiconCommandFlags) => {
      const { runList } = await import('../actions/lexicon.js');
      report(await runList(paths, flags, ctx));
    });

  return lexicon;
}
