#!/usr/bin/env node
// How cost grows (`npm run bench` runs it after bench/run.mjs): start-up of
// --version, explain and a 5-row score against a bare `node -e ''`; time per
// row against lexicon size (the built-in lexicons, 4x and 16x), against text
// length (titles only, about 500 B, about 2 KB a row) and against the number of
// rows. Each wildsift figure comes with a baseline measured in the same run:
// `node -e ''` for start-up, csv-parse alone on the same file for the rest.
// Rows are scored with --jobs 1 --no-sort and a warm compiled-lexicon cache
// (its own folder under --dir), so the figures are the per-row path; the
// compile time of each lexicon size is printed on its own. It prints figures;
// it asserts nothing.
//
// Usage: node bench/growth.mjs [--rows 20000] [--dir /tmp] [--runs 11]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import YAML from 'yaml';
import { measure } from './measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rows: { type: 'string', default: '20000' }, dir: { type: 'string', default: '/tmp' }, runs: { type: 'string', default: '11' } } });
const rows = Number(values.rows);
const runs = Math.max(1, Number(values.runs));
const bin = path.join(root, 'dist/cli/main.js');
if (!existsSync(bin)) {
  console.error('build first: npm run build');
  process.exit(2);
}
const work = path.join(values.dir, 'wildsift-growth');
mkdirSync(work, { recursive: true });
const cache = path.join(work, 'cache');
const env = { XDG_CACHE_HOME: cache };

function generate(name, n, sentences, extra = []) {
  const file = path.join(work, `${name}.csv`);
  if (!existsSync(file)) execFileSync(process.execPath, [path.join(root, 'bench/generate.mjs'), '--rows', String(n), '--out', file, '--sentences', sentences, ...extra], { stdio: 'ignore' });
  return file;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function medianOf(args, n = runs) {
  const xs = [];
  for (let i = 0; i < n; i++) xs.push((await measure(args, env)).secs);
  return median(xs);
}
async function bestOf(args, n = 3) {
  let best;
  for (let i = 0; i < n; i++) {
    const r = await measure(args, env);
    if (!best || r.secs < best.secs) best = r;
  }
  return best;
}
const csvAlone = `
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
let n = 0;
for await (const _ of createReadStream(process.argv[1]).pipe(parse({ columns: true, bom: true }))) n++;
`;
const parseAlone = (file) => bestOf(['--input-type=module', '-e', csvAlone, file]);

// --- start-up
const five = path.join(work, 'five.csv');
writeFileSync(five, readFileSync(path.join(root, 'fixtures/sample/listings.csv'), 'utf8').split('\n').slice(0, 6).join('\n') + '\n');
await measure([bin, 'score', '-q', five], env); // warm the cache
const startup = [
  ["node -e ''", ['-e', '']],
  ['wildsift --version', [bin, '--version']],
  ['wildsift explain "<text>" (warm cache)', [bin, 'explain', 'Vong tay nga voi that, gia 3.500.000d, ship COD toan quoc']],
  ['wildsift score <5 rows> (warm cache)', [bin, 'score', '-q', five]],
  ['wildsift explain --no-cache', [bin, 'explain', '--no-cache', 'Vong tay nga voi that, gia 3.500.000d, ship COD toan quoc']],
];
const times = [];
for (const [label, args] of startup) times.push([label, await medianOf(args)]);
console.log(`start-up (median of ${runs}; ratio to node -e '' measured in the same run)`);
for (const [label, t] of times) console.log(`  ${label.padEnd(42)}${(t * 1000).toFixed(0).padStart(6)} ms  ${(t / times[0][1]).toFixed(1).padStart(5)}x`);
console.log("  targets: explain and a 5-row score within 3x of node -e '' with a warm cache");

// --- lexicon size: the built-in lexicons plus k - 1 renamed copies whose terms carry a suffix (other words, same shapes)
function entryCount(dir) {
  return readdirSync(dir).filter((n) => n.endsWith('.yaml')).reduce((n, f) => n + YAML.parse(readFileSync(path.join(dir, f), 'utf8')).entries.length, 0);
}
function lexiconCopies(k) {
  const dir = path.join(work, `lexicons-x${k}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const src = path.join(root, 'lexicons');
  for (let c = 1; c < k; c++) {
    const tag = String.fromCharCode(0x61 + ((c - 1) % 26)) + String.fromCharCode(0x61 + Math.floor((c - 1) / 26));
    for (const f of readdirSync(src).filter((n) => n.endsWith('.yaml'))) {
      const lex = YAML.parse(readFileSync(path.join(src, f), 'utf8'));
      lex.lexicon = `copy${c}-${lex.lexicon}`;
      for (const e of lex.entries) {
        e.id = `copy${c}.${e.id}`;
        if (e.near?.entries) e.near.entries = e.near.entries.map((id) => `copy${c}.${id}`);
        for (const lang of Object.keys(e.terms)) e.terms[lang] = e.terms[lang].map((t) => `${t}${tag}`);
      }
      writeFileSync(path.join(dir, `copy${c}-${f}`), YAML.stringify(lex));
    }
  }
  return dir;
}
const base = generate(`rows-${rows}-500b`, rows, '12-20');
const baseAlone = await parseAlone(base);
console.log('');
console.log(`time per row against lexicon size (${rows} rows of about 500 B, --jobs 1 --no-sort, warm cache, less the start-up of a 5-row run; csv-parse alone ${(baseAlone.secs * 1e6 / rows).toFixed(1)} us/row)`);
console.log('  lexicons          entries   compile s   us/row   x csv-parse   x built-in   peak RSS');
let builtinUs;
for (const k of [1, 4, 16]) {
  const extra = k === 1 ? [] : ['--lexicon', lexiconCopies(k)];
  const listed = entryCount(path.join(root, 'lexicons')) + (k === 1 ? 0 : entryCount(extra[1]));
  await measure([bin, 'explain', ...extra, 'x'], env); // compiles this set into the cache
  const cold = await medianOf([bin, 'explain', '--no-cache', ...extra, 'x'], 3);
  const warm = await medianOf([bin, 'explain', ...extra, 'x'], 3);
  const start = await medianOf([bin, 'score', '-q', '--jobs', '1', '--no-sort', ...extra, five], 3);
  const r = await bestOf([bin, 'score', '-q', '--jobs', '1', '--no-sort', ...extra, base]);
  // per row: the run less the start-up of the same command on 5 rows
  const us = ((r.secs - start) * 1e6) / rows;
  builtinUs ??= us;
  console.log(`  ${(k === 1 ? 'built-in' : `${k}x`).padEnd(16)}${String(listed).padStart(8)}${(cold - warm).toFixed(2).padStart(12)}${us.toFixed(1).padStart(9)}${(us / ((baseAlone.secs * 1e6) / rows)).toFixed(1).padStart(14)}${(us / builtinUs).toFixed(2).padStart(13)}${`${(r.rss / 1048576).toFixed(0)} MB`.padStart(11)}`);
}

// --- text length
console.log('');
const start1 = await medianOf([bin, 'score', '-q', '--jobs', '1', '--no-sort', five], 3);
console.log(`time per row against text length (${rows} rows, built-in lexicons, less the start-up of a 5-row run: ${(start1 * 1000).toFixed(0)} ms)`);
console.log('  rows of            bytes/row   us/row   csv-parse us/row   x csv-parse');
for (const [label, file, text] of [
  ['titles only', base, ['--text', 'title']],
  ['about 500 B', base, []],
  ['about 2 KB', generate(`rows-${rows}-2kb`, rows, '55-75'), []],
]) {
  const alone = await parseAlone(file);
  const r = await bestOf([bin, 'score', '-q', '--jobs', '1', '--no-sort', ...text, file]);
  const bytes = text.length > 0 ? titleBytes(file) : readFileSync(file).length / rows;
  console.log(`  ${label.padEnd(18)}${bytes.toFixed(0).padStart(10)}${(((r.secs - start1) * 1e6) / rows).toFixed(1).padStart(9)}${((alone.secs * 1e6) / rows).toFixed(1).padStart(19)}${(r.secs / alone.secs).toFixed(1).padStart(14)}`);
}
function titleBytes(file) {
  const lines = readFileSync(file, 'utf8').split('\n').slice(1, 2001);
  return lines.reduce((n, l) => n + Buffer.byteLength(l.split(',')[1] ?? ''), 0) / lines.length;
}

// --- rows
console.log('');
console.log('time per row against the number of rows (about 500 B a row, less the start-up; linear means a flat us/row)');
console.log('  rows        seconds   us/row   x csv-parse   peak RSS');
for (const n of [rows / 2, rows * 2, rows * 8]) {
  const file = generate(`rows-${n}-500b`, n, '12-20');
  const alone = await parseAlone(file);
  const r = await bestOf([bin, 'score', '-q', '--jobs', '1', '--no-sort', file], n > rows * 2 ? 1 : 3);
  console.log(`  ${String(n).padEnd(10)}${r.secs.toFixed(2).padStart(9)}${(((r.secs - start1) * 1e6) / n).toFixed(1).padStart(9)}${(r.secs / alone.secs).toFixed(1).padStart(14)}${`${(r.rss / 1048576).toFixed(0)} MB`.padStart(11)}`);
}
rmSync(cache, { recursive: true, force: true });
