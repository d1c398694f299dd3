/** `wildsift score`: read listings, score them, write ranked results. */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { CliContext, Outcome } from '../context.js';
import type { ScoreFlags } from '../actions/score.js';
import { collect, commaList, inputOptions, lexiconOptions, nonNegativeInt, positiveInt, probability, quietColorOptions, thresholdOption, modelOption } from '../options.js';


function distance(value: string): number {
  const n = nonNegativeInt(value);
  if (n < 2 || n > 15) throw new InvalidArgumentError('expected a whole number from 2 to 15');
  return n;
}

export function scoreCommand(ctx: CliContext, report: (o: Outcome) => void): Command {
  const cmd = new Command('score')
    .summary('score listings and write ranked, explained results')
    .description(
      'Read listings from CSV, TSV, JSON or JSONL files (or stdin), score each one against the lexicons, ' +
        'and write them ranked by score (highest first) with the hits that explain each score.',
    )
    .argument('[inputs...]', 'input files; "-" or none reads stdin');
  inputOptions(cmd);
  lexiconOptions(cmd, (m) => ctx.warn(m), ctx.io.env);
  cmd
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, else jsonl; with --output, from its extension)').choices(['table', 'jsonl', 'json', 'csv']))
    .option('-o, --output <file>', 'write results to a file (written whole or not at all) instead of stdout')
    .option('--top <n>', 'write only the n highest-ranked listings', positiveInt)
    .option('--min-score <x>', 'write only listings scoring at least x (0..1)', probability)
    .option('--flagged-only', 'write only flagged listings (score >= threshold)')
    .addOption(new Option('--fail-on <level>', 'exit 1 when any listing reaches this level').choices(['low', 'medium', 'high']))
    .option('--keep <fields>', 'original fields to copy into the output: "all" (default), "none", or a comma list', commaList)
    .option('--all-hits', 'write every hit, also repeats, hits inside longer ones, of other products and without evidence (default: the hits that explain the score)')
    .option('--no-sort', 'write results in input order as they are scored (rank null); memory stays flat whatever the input size')
    .option('-j, --jobs <n>', 'worker threads that score (default: the available cores, or 1 for input files under 2 MB); output is the same for every n', positiveInt)
    .option('--no-progress', 'no progress bar (it shows only on a terminal, and never in CI)')
    .option('--no-groups', 'no near-duplicate groups (group null); saves a few dozen bytes of memory a listing')
    .option('--dup-distance <n>', 'listings whose text SimHashes differ in at most n of 64 bits share a group (2 to 15)', distance, 3)
    .option('--baseline <file>', 'reviewed findings: a decisions file or an earlier run\'s JSONL output; flagged listings it covers (same id or text fingerprint, no new evidence) are left out, and --fail-on ignores them (repeatable)', collect)
    .option('--baseline-mark', 'write the findings the baseline covers, with a "reviewed" field, instead of leaving them out')
    .option('--seen <file>', 'skip listings this file says were scored before with the same lexicons (same scored text), and append the keys of the new ones (a text file of content keys, made if missing)')
    .option('--summary-json <file>', 'also write a JSON summary of the run to this file (counts, levels, threshold, lexicon versions, timing; schema wildsift.summary/1) for CI')
    .option('--csv-formulas', 'in CSV output, keep cells that start with = + - @ as they are (by default they get a leading \' so that spreadsheets do not run them)');
  modelOption(cmd);
  thresholdOption(cmd);
  quietColorOptions(cmd);
  return cmd
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
      report(await runScore(inputs, flags, ctx));
    });
}
