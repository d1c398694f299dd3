#!/usr/bin/env node
// wildsift command-line entry. Exit codes: 0 ok, 1 findings at --fail-on, 2 usage/lexicon/input error.
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
});
