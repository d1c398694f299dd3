/** `wildsift merge`: one ranking from the ranked outputs of shards. */
import { Command, Option } from 'commander';
import type { CliContext, Outcome } from '../context.js';
import { errorPolicyOptions, positiveInt } from '../options.js';
import type { MergeFlags } from '../actions/merge.js';

export function mergeCommand(ctx: CliContext, report: (o: Outcome) => void): Command {
  const cmd = new Command('merge')
    .summary('merge the JSONL outputs of shards into one ranking')
    .description(
      'Read the JSONL outputs of `wildsift score` run on shards of one dataset (ranked or --no-sort), given in the order ' +
        'of the shards, and write one ranking: score descending, ties in shard order and then in the order within each shard, ' +
        'ranks renumbered. For shards cut from one input in order, this is the ranking a single run gives. Near-duplicate ' +
        'groups are numbered per run, so merged records have group null.',
    )
    .argument('<files...>', 'JSONL outputs of score, in shard order ("-" reads stdin)')
    .addOption(new Option('-f, --format <format>', 'output format (default: from the --output extension, else jsonl)').choices(['jsonl', 'json', 'csv']))
    .option('-o, --output <file>', 'write to a file (written whole or not at all) instead of stdout')
    .option('--top <n>', 'write only the n highest-ranked listings', positiveInt)
    .option('-q, --quiet', 'no summary line on stderr');
  errorPolicyOptions(cmd);
  return cmd
    .addHelpText(
      'after',
      `
Examples:
  $ split -n l/4 listings.jsonl shard-          # or GNU parallel, Hadoop, Spark: see docs/scale.md
  $ for s in shard-*; do wildsift score "$s" --input-format jsonl > "$s.out"; done
  $ wildsift merge shard-*.out > ranked.jsonl

Exit codes: 0 ok (lines that are not score records are rejected and reported); 2 usage or input error, a truncated archive, or --on-error fail on a bad line.`,
    )
    .action(async (files: string[], flags: MergeFlags) => {
      const { runMerge } = await import('../actions/merge.js');
      report(await runMerge(files, flags, ctx));
    });
}
