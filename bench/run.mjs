#!/usr/bin/env node
// The scale benchmark (`npm run bench`). It generates a deterministic synthetic
// listings file (CSV and the same data as JSONL), then measures in one run:
// csv-parse alone, `wildsift score` with --jobs 1 and --jobs 2, JSON Lines split
// + JSON.parse alone, `wildsift score` on the JSONL form, memory with --no-sort
// and --top 1000, and the start-up time of `wildsift --version`. It prints rows/s,
// MB/s and peak RSS for each, and the ratios of wildsift to the parsers alone.
// It prints figures; it asserts nothing.
//
// Usage: node bench/run.mjs [--rows 150000] [--sentences 12-20] [--dir /tmp] [--runs 1]
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { measure } from './measure.mjs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '150000' },
    sentences: { type: 'string', default: '12-20' },
    dir: { type: 'string', default: '/tmp' },
    runs: { type: 'string', default: '1' },
  },
});
const rows = Number(values.rows);
const runs = Math.max(1, Number(values.runs));
const base = path.join(values.dir, `wildsift-bench-${rows}-${values.sentences}`);
const csv = `${base}.csv`;
const jsonl = `${base}.jsonl`;
const bin = path.join(root, 'dist/cli/main.js');
if (!existsSync(bin)) {
  console.error('build first: npm run build');
  process.exit(2);
}
for (const [file, format] of [[csv, 'csv'], [jsonl, 'jsonl']]) {
  if (!existsSync(file)) {
    console.error(`generating ${file} ...`);
    execFileSync(process.execPath, [path.join(root, 'bench/generate.mjs'), '--rows', String(rows), '--out', file, '--format', format, '--sentences', values.sentences], { stdio: 'inherit' });
  }
}

async function best(label, args, bytes) {
  let r;
  for (let i = 0; i < runs; i++) {
    const x = await measure(args);
    if (!r || x.secs < r.secs) r = x;
  }
  return { label, ...r, rowsPerSec: rows / r.secs, mbPerSec: bytes / 1e6 / r.secs };
}

const csvBytes = statSync(csv).size;
const jsonlBytes = statSync(jsonl).size;
const csvAlone = `
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
let n = 0;
for await (const _ of createReadStream(process.argv[1]).pipe(parse({ columns: true, bom: true }))) n++;
`;
const jsonlAlone = `
import { createReadStream } from 'node:fs';
let rest = '';
let n = 0;
for await (const chunk of createReadStream(process.argv[1], { encoding: 'utf8' })) {
  const text = rest + chunk;
  let start = 0;
  for (let nl = text.indexOf('\\n'); nl >= 0; nl = text.indexOf('\\n', start)) { JSON.parse(text.slice(start, nl)); n++; start = nl + 1; }
  rest = text.slice(start);
}
`;
const evalArgs = (code, file) => ['--input-type=module', '-e', code, file];

console.error(`measuring (${runs} run${runs > 1 ? 's' : ''} each) ...`);
const results = [];
results.push(await best('csv-parse alone (columns: true)', evalArgs(csvAlone, csv), csvBytes));
results.push(await best('wildsift score CSV --jobs 1', [bin, 'score', '-q', '--jobs', '1', csv], csvBytes));
results.push(await best('wildsift score CSV --jobs 2', [bin, 'score', '-q', '--jobs', '2', csv], csvBytes));
results.push(await best('JSONL split + JSON.parse alone', evalArgs(jsonlAlone, jsonl), jsonlBytes));
results.push(await best('wildsift score JSONL --jobs 1', [bin, 'score', '-q', '--jobs', '1', jsonl], jsonlBytes));
results.push(await best('wildsift score JSONL --jobs 2', [bin, 'score', '-q', '--jobs', '2', jsonl], jsonlBytes));
results.push(await best('wildsift score CSV --jobs 2 --no-sort', [bin, 'score', '-q', '--jobs', '2', '--no-sort', csv], csvBytes));
results.push(await best('wildsift score CSV --jobs 2 --top 1000', [bin, 'score', '-q', '--jobs', '2', '--top', '1000', csv], csvBytes));
const versions = [];
for (let i = 0; i < 11; i++) versions.push((await measure([bin, '--version'])).secs);
versions.sort((a, b) => a - b);

const byLabel = Object.fromEntries(results.map((r) => [r.label, r]));
console.log(`${rows} listings: CSV ${(csvBytes / 1e6).toFixed(0)} MB (${(csvBytes / rows).toFixed(0)} bytes/row), JSONL ${(jsonlBytes / 1e6).toFixed(0)} MB; ${availableParallelism()} cores; Node ${process.version}`);
console.log('what'.padEnd(40) + 'seconds'.padStart(9) + 'rows/s'.padStart(10) + 'MB/s'.padStart(8) + 'peak RSS'.padStart(11));
for (const r of results) {
  console.log(r.label.padEnd(40) + r.secs.toFixed(2).padStart(9) + Math.round(r.rowsPerSec).toLocaleString('en').padStart(10) + r.mbPerSec.toFixed(1).padStart(8) + `${(r.rss / 1048576).toFixed(0)} MB`.padStart(11));
}
const ratio = (a, b) => (byLabel[a].rowsPerSec / byLabel[b].rowsPerSec).toFixed(2);
console.log('');
console.log(`wildsift CSV --jobs 1 / csv-parse alone:     ${ratio('wildsift score CSV --jobs 1', 'csv-parse alone (columns: true)')}x   (target 0.67x)`);
console.log(`wildsift CSV --jobs 2 / csv-parse alone:     ${ratio('wildsift score CSV --jobs 2', 'csv-parse alone (columns: true)')}x   (target 1.0x)`);
console.log(`wildsift JSONL --jobs 1 / split + JSON.parse: ${ratio('wildsift score JSONL --jobs 1', 'JSONL split + JSON.parse alone')}x   (target 0.5x)`);
console.log(`wildsift --version: median ${(versions[5] * 1000).toFixed(0)} ms of 11 (target under 150 ms)`);
