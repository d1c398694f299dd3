/** `wildsift report`: one self-contained HTML page of what was found. */
import { Command } from 'commander';
import type { CliContext, Outcome } from '../context.js';
import { positiveInt } from '../options.js';
import { aggregateOptions } from './stats.js';
import type { ReportFlags } from '../actions/report.js';


export function reportCommand(ctx: CliContext, report: (o: Outcome) => void): Command {
  const cmd = new Command('report')
    .summary('write one self-contained HTML report: counts, charts, top listings with their evidence')
    .description(
      'Score listings (or read scored JSONL with --scored) and write one HTML page with no outside resources (inline CSS and ' +
        'SVG, no script; its content security policy forbids remote loads): summary counts, charts by product, language and ' +
        'any --by column, the score distribution, and the top listings with matched terms highlighted and explained.',
    )
    .argument('[inputs...]', 'input files ("-" or none reads stdin)')
    .option('-o, --output <file>', 'write the page to this file (written whole or not at all) instead of stdout')
    .option('--top <n>', 'how many top listings to show', positiveInt, 50);
  aggregateOptions(cmd, ctx);
  return cmd
    .addHelpText('after', '\nExample:\n  $ wildsift report fixtures/sample/listings.csv --by platform --by posted:month --output report.html')
    .action(async (inputs: string[], flags: ReportFlags) => {
      const { runReport } = await import('../actions/report.js');
      report(await runReport(inputs, flags, ctx));
    });
}
