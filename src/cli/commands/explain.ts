/** `wildsift explain`: why one text gets its score. */
import { Command, Option } from 'commander';
import type { CliContext, Outcome } from '../context.js';
import { lexiconOptions, thresholdOption, modelOption } from '../options.js';
import type { ExplainFlags } from '../actions/explain.js';


export function explainCommand(ctx: CliContext, report: (o: Outcome) => void): Command {
  const cmd = new Command('explain')
    .summary('show every hit, its contribution and the resulting score for one text')
    .description('Score one text and show every lexicon hit, how it was found, what it contributes, and the resulting score.')
    .argument('[text...]', 'the text to explain; "-" or none reads stdin')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--bio <text>', "a seller's or page's description to score with the text as context (a context field named bio: its hits corroborate, never count as evidence alone)")
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)');
  lexiconOptions(cmd, (m) => ctx.warn(m), ctx.io.env);
  modelOption(cmd);
  thresholdOption(cmd);
  return cmd
    .addHelpText(
      'after',
      `
Examples:
  $ wildsift explain "Vòng tay ngà voi thật, giá 3.500.000đ, ship COD"
  $ echo "Tiger Balm 30g, free shipping" | wildsift explain --format json
  $ wildsift explain --bio "Antique ivory carvings, worldwide shipping" "Victorian cane handle, 11.5 cm"`,
    )
    .action(async (words: string[], flags: ExplainFlags) => {
      const { runExplain } = await import('../actions/explain.js');
      report(await runExplain(words, flags, ctx));
    });
}
