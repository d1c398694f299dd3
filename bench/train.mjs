#!/usr/bin/env node
// The training benchmark (part of `npm run bench`). It generates deterministic
// labelled listings (bench/generate.mjs --labels), then measures in one run:
// `wildsift train` on 10,000 and 100,000 of them (wall time, peak RSS), and
// `wildsift score` of the 100,000 with the 10,000-row model against without a
// model (--jobs 1 --no-sort, and --jobs 2), as rows/s and the ratio of the two.
// Each figure is the best of --runs runs. It prints figures; it asserts nothing.
//
// Usage: node bench/train.mjs [--sizes 10000,100000] [--dir /tmp] [--runs 3]
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measure } from './measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    dir: { type: 'string', default: '/tmp' },
    runs: { type: 'string', default: '3' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Math.max(1, Number(values.runs));
const bin = path.join(root, 'dist/cli/main.js');
if (!existsSync(bin)) {
  console.error('build first: npm run build');
  process.exit(2);
}
const fileOf = (rows) => path.join(values.dir, `wildsift-bench-labelled-${rows}.csv`);
const modelOf = (rows) => path.join(values.dir, `wildsift-bench-model-${rows}.json`);
for (const rows of sizes) {
  if (!existsSync(fileOf(rows))) {
    console.error(`generating ${fileOf(rows)} ...`);
    execFileSync(process.execPath, [path.join(root, 'bench/generate.mjs'), '--rows', String(rows), '--out', fileOf(rows), '--labels'], { stdio: 'inherit' });
  }
}

async function best(args) {
  let r;
  for (let i = 0; i < runs; i++) {
    const x = await measure(args);
    if (!r || x.secs < r.secs) r = x;
  }
  return r;
}
const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;

console.error(`measuring (best of ${runs}) ...`);
console.log('wildsift train (5-fold inner cross-validation, then the final fit)');
console.log('rows'.padStart(8) + 'seconds'.padStart(9) + 'rows/s'.padStart(10) + 'peak RSS'.padStart(11));
for (const rows of sizes) {
  const r = await best([bin, 'train', fileOf(rows), '--label', 'label', '--quiet', '-o', modelOf(rows)]);
  console.log(String(rows).padStart(8) + r.secs.toFixed(2).padStart(9) + Math.round(rows / r.secs).toLocaleString('en').padStart(10) + mb(r.rss).padStart(11));
}

const rows = sizes[sizes.length - 1];
const data = fileOf(rows);
const model = modelOf(sizes[0]);
console.log('');
console.log(`wildsift score of ${rows} listings, with the model trained on ${sizes[0]} against without`);
console.log('what'.padEnd(34) + 'seconds'.padStart(9) + 'rows/s'.padStart(10) + 'peak RSS'.padStart(11) + 'ratio'.padStart(8));
for (const jobs of ['1', '2']) {
  const extra = jobs === '1' ? ['--no-sort'] : [];
  const hand = await best([bin, 'score', '-q', '--jobs', jobs, ...extra, '--model', 'none', data]);
  const learned = await best([bin, 'score', '-q', '--jobs', jobs, ...extra, '--model', model, data]);
  const label = `--jobs ${jobs}${extra.length ? ' --no-sort' : ''}`;
  console.log(`${label}, hand weights`.padEnd(34) + hand.secs.toFixed(2).padStart(9) + Math.round(rows / hand.secs).toLocaleString('en').padStart(10) + mb(hand.rss).padStart(11) + '1.00x'.padStart(8));
  console.log(`${label}, --model`.padEnd(34) + learned.secs.toFixed(2).padStart(9) + Math.round(rows / learned.secs).toLocaleString('en').padStart(10) + mb(learned.rss).padStart(11) + `${(hand.secs / learned.secs).toFixed(2)}x`.padStart(8));
}
console.log('');
console.log('target: scoring with a model at least 0.80x the throughput without');
