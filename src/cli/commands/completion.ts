/** `wildsift completion <shell>`: a completion script for bash, zsh or fish, generated from the command definitions. */
import { Argument, Command } from 'commander';
import type { CliContext } from '../context.js';
import { completionScript, SHELLS, type Shell } from '../completion.js';

export function completionCommand(ctx: CliContext, program: () => Command): Command {
  return new Command('completion')
    .summary('print a shell completion script (bash, zsh, fish)')
    .description('Print a completion script for the shell: commands, subcommands, options, the values of options that take a fixed set (--format), and file names elsewhere. It is generated from the command definitions, so it stays in step with this version.')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .addHelpText(
      'after',
      `
Examples:
  $ eval "$(wildsift completion bash)"                                   # in ~/.bashrc
  $ eval "$(wildsift completion zsh)"                                    # in ~/.zshrc
  $ wildsift completion fish > ~/.config/fish/completions/wildsift.fish

Exit codes: 0 ok; 2 usage error (a shell other than bash, zsh, fish).`,
    )
    .action((shell: Shell) => {
      ctx.io.stdout.write(completionScript(program(), shell));
    });
}
