/** `wildsift score`: read listings, score them, write ranked results. */
import { Command, Option } from 'commander';
import { DEFAULT_THRESHOLD } from '../../core/score.js';
import type { CliIO } from '../io.js';
import { collect, commaList, positiveInt, probability } from '../options.js';
import type { InputFormat } from '../../input/detect.js';
import type { OutputFormat } from '../../output/writers.js';
import type { Level } from '../../core/types.js';

export interface ScoreFlags {
  text?: string[];
  id?: string;
  inputFormat?: InputFormat;
  delimiter?: string;
  lexicon?: string[];
  defaultLexicons: boolean;
  format?: OutputFormat;
  output?: string;
  top?: number;
  minScore?: number;
  flaggedOnly?: boolean;
  threshold: number;
  failOn?: Exclude<Level, 'none'>;
  keep?: string[];
  color: boolean;
  quiet?: boolean;
}

export function scoreCommand(io: CliIO, setExit: (code: number) => void): Command {
  return new Command('score')
    .summary('score listings and write ranked, explained results')
    .description(
      'Read listings from CSV, TSV, JSON or JSONL files (or stdin), score each one against the lexicons, ' +
        'and write them ranked by score (highest first) with the hits that explain each score.',
    )
    .argument('[inputs...]', 'input files; "-" or none reads stdin')
    .option('--text <fields>', 'comma-separated text fields to score (dotted paths for nested JSON); default: title, name, description, desc, body, text, content, caption, message, tags when present, else every string field', commaList)
    .option('--id <field>', 'field holding the listing id; default: id, listing_id or url when present, else the row number')
    .addOption(new Option('--input-format <format>', 'input format when the extension and content do not tell').choices(['csv', 'tsv', 'json', 'jsonl']))
    .option('--delimiter <char>', 'CSV delimiter (default: sniffed from the header line)')
    .option('--lexicon <path>', 'lexicon file or folder to add; replaces a built-in lexicon of the same name (repeatable)', collect)
    .option('--no-default-lexicons', 'do not load the built-in lexicons')
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, else jsonl; with --output, from its extension)').choices(['table', 'jsonl', 'json', 'csv']))
    .option('-o, --output <file>', 'write results to a file (written whole or not at all) instead of stdout')
    .option('--top <n>', 'write only the n highest-ranked listings', positiveInt)
    .option('--min-score <x>', 'write only listings scoring at least x (0..1)', probability)
    .option('--flagged-only', 'write only flagged listings (score >= threshold)')
    .option('--threshold <x>', 'score from which a listing is flagged (0..1)', probability, DEFAULT_THRESHOLD)
    .addOption(new Option('--fail-on <level>', 'exit 1 when any listing reaches this level').choices(['low', 'medium', 'high']))
    .option('--keep <fields>', 'original fields to copy into the output: "all" (default), "none", or a comma list', commaList)
    .option('--no-color', 'no colour, even on a terminal (NO_COLOR is honoured too)')
    .option('-q, --quiet', 'no summary line on stderr')
    .addHelpText(
      'after',
      `
Examples:
  $ wildsift score fixtures/sample/listings.csv
  $ wildsift score listings.jsonl --text title,seller.bio --id url --flagged-only > flagged.jsonl
  $ cat dump.csv | wildsift score --format csv --top 200 -o review.csv
  $ wildsift score listings.json --fail-on high --quiet --format jsonl > /dev/null

Exit codes: 0 ok; 1 a listing reached --fail-on; 2 usage, lexicon or input error.`,
    )
    .action(async (inputs: string[], flags: ScoreFlags) => {
      const { runScore } = await import('../actions/score.js');
      setExit(await runScore(inputs, flags, io));
    });
}
