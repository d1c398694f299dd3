/** `wildsift explain`: why one text gets its score. */
import { Command, Option } from 'commander';
import { DEFAULT_THRESHOLD } from '../../core/score.js';
import type { CliIO } from '../io.js';
import { collect, probability } from '../options.js';

export interface ExplainFlags {
  lexicon?: string[];
  defaultLexicons: boolean;
  format: 'text' | 'json';
  threshold: number;
  color: boolean;
}

export function explainCommand(io: CliIO, setExit: (code: number) => void): Command {
  return new Command('explain')
    .summary('show every hit, its contribution and the resulting score for one text')
    .description('Score one text and show every lexicon hit, how it was found, what it contributes, and the resulting score.')
    .argument('[text...]', 'the text to explain; "-" or none reads stdin')
    .option('--lexicon <path>', 'lexicon file or folder to add (repeatable)', collect)
    .option('--no-default-lexicons', 'do not load the built-in lexicons')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--threshold <x>', 'score from which a listing is flagged (0..1)', probability, DEFAULT_THRESHOLD)
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)')
    .addHelpText(
      'after',
      `
Examples:
  $ wildsift explain "Vòng tay ngà voi thật, giá 3.500.000đ, ship COD"
  $ echo "Tiger Balm 30g, free shipping" | wildsift explain --format json`,
    )
    .action(async (words: string[], flags: ExplainFlags) => {
      const { runExplain } = await import('../actions/explain.js');
      setExit(await runExplain(words, flags, io));
    });
}
