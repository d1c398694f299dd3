#!/usr/bin/env node
// Training time of the sparse logistic regression (src/core/logreg.ts) on
// synthetic hashed-feature data: rows with ~nnz non-zeros drawn uniformly from
// 2^bits buckets, labels from a known sparse linear model. Prints rows,
// non-zeros, iterations, seconds; asserts nothing. Not part of `npm test`.
//
// Usage: npm run build && node bench/logreg.mjs [--rows 10000] [--nnz 50] [--bits 18] [--l2 1e-4] [--tol 1e-6] [--memory 10]
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { trainLogistic } = await import(pathToFileURL(path.join(root, 'dist/core/logreg.js')).href);
const { values: o } = parseArgs({
  options: {
    rows: { type: 'string', default: '10000' },
    nnz: { type: 'string', default: '50' },
    bits: { type: 'string', default: '18' },
    l2: { type: 'string', default: '1e-4' },
    tol: { type: 'string', default: '1e-6' },
    memory: { type: 'string', default: '10' },
    'max-iter': { type: 'string', default: '500' },
  },
});
const rows = Number(o.rows), nnz = Number(o.nnz), dim = 2 ** Number(o.bits);

// mulberry32, seed 1
let seed = 1;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const t0 = performance.now();
// the true model: 1 bucket in 20 carries a weight of ±1; tf-like values 1..3, scaled by 1/sqrt(nnz)
const truth = Float64Array.from({ length: dim }, () => (rnd() < 0.05 ? (rnd() < 0.5 ? -1 : 1) : 0));
const indptr = new Uint32Array(rows + 1), indices = new Uint32Array(rows * nnz), vals = new Float32Array(rows * nnz);
const y = new Uint8Array(rows);
const seen = new Set();
let k = 0;
for (let i = 0; i < rows; i++) {
  seen.clear();
  let z = -0.5;
  while (seen.size < nnz) seen.add(Math.floor(rnd() * dim));
  for (const j of [...seen].sort((a, b) => a - b)) {
    indices[k] = j;
    vals[k] = (1 + Math.floor(rnd() * 3)) / Math.sqrt(nnz);
    z += truth[j] * vals[k] * 4;
    k++;
  }
  indptr[i + 1] = k;
  y[i] = rnd() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
}
const X = { rows, dim, indptr, indices, values: vals };
const made = (performance.now() - t0) / 1000;

const t1 = performance.now();
const m = trainLogistic(X, y, { l2: Number(o.l2), tol: Number(o.tol), memory: Number(o.memory), maxIter: Number(o['max-iter']) });
const sec = (performance.now() - t1) / 1000;
const rss = process.memoryUsage().rss / 2 ** 20;
console.log(
  `rows ${rows}, dim 2^${o.bits}, nnz ${k} (${nnz}/row), l2 ${o.l2}, tol ${o.tol}, memory ${o.memory}: ` +
    `${m.iterations} iterations, converged ${m.converged}, max|grad| ${m.gradMax.toExponential(2)}, loss ${m.loss.toFixed(6)}, ` +
    `train ${sec.toFixed(2)} s (${((sec / Math.max(1, m.iterations)) * 1000).toFixed(1)} ms/iteration), data ${made.toFixed(2)} s, rss ${rss.toFixed(0)} MB, node ${process.version}`,
);
