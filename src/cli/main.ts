#!/usr/bin/env node
// wildsift command-line entry. Exit codes: see cli/run.ts (0 ok, 1 findings when asked, 2 error, 130/143 on SIGINT/SIGTERM).
import { removeTemps } from '../app/temp.js';
import { run } from './run.js';

// stopped by a signal: remove the temporary output file and the spill folder, exit 128 + the signal number
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    removeTemps();
    process.stderr.write(`\nwildsift: stopped by ${signal}; temporary files removed\n`);
    process.exit(code);
  });
}

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
});
