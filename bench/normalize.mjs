#!/usr/bin/env node
// Cost per row of the normalizer, the evasion handling and the whole matcher.
// Usage: node bench/normalize.mjs [--rows 100000] [--file listings.csv] [--baseline other-checkout/dist]
// --baseline measures that build's normalizer in the same run (e.g. a checkout of
// an older commit, built with npm run build), as the reference for the ratios.
// Needs a build (npm run build). Prints microseconds per row and ratios
// measured in the same run; it asserts nothing.
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import { normalizeText, normalizeTransient } from '../dist/core/normalize.js';
import { deobfuscate } from '../dist/core/deobfuscate.js';
import { Matcher } from '../dist/core/matcher.js';
import { loadLexicons } from '../dist/lexicon/load.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '100000' }, file: { type: 'string' }, baseline: { type: 'string' } } });
const file = values.file ?? `/tmp/wildsift-bench-${values.rows}.csv`;
if (!existsSync(file)) execFileSync(process.execPath, [new URL('./generate.mjs', import.meta.url).pathname, '--rows', values.rows, '--out', file]);
const rows = parse(readFileSync(file), { columns: true });
const texts = rows.map((r) => `${r.title}\n${r.description}`);
const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);

function time(label, fn) {
  fn(); // warm up caches and the JIT
  const runs = [];
  for (let k = 0; k < 3; k++) {
    const t0 = process.hrtime.bigint();
    fn();
    runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  runs.sort((a, b) => a - b);
  const ms = runs[1];
  return { label, ms, usPerRow: (ms * 1000) / texts.length, mbps: bytes / 1e6 / (ms / 1000) };
}

const matcher = new Matcher(loadLexicons());
let sink = 0;
const results = [];
if (values.baseline) {
  const base = await import(new URL(`file://${values.baseline.replace(/\/$/, '')}/core/normalize.js`).href);
  results.push(time('baseline normalizer (--baseline)', () => { for (const t of texts) sink += base.normalizeText(t).length; }));
}
results.push(
  time('normalize: NFKC, case, diacritics (v1)', () => { for (const t of texts) sink += normalizeText(t, { fold: 'diacritics' }).length; }),
  time('normalize: + Traditional->Simplified', () => { for (const t of texts) sink += normalizeText(t).length; }),
  time('normalize + de-obfuscation (as the matcher)', () => {
    for (const t of texts) {
      const n = normalizeTransient(t);
      if (n.suspicious) sink += deobfuscate(t, n.text, n.starts, n.ends).text.length;
    }
  }),
  time('normalize + de-obfuscation (every row)', () => {
    for (const t of texts) { const n = normalizeTransient(t); sink += deobfuscate(t, n.text, n.starts, n.ends).text.length; }
  }),
  time('whole matcher (all passes, all hits)', () => { for (const t of texts) sink += matcher.matchField('text', t).length; }),
);
const base = results[0].ms;
const needing = texts.filter((t) => normalizeTransient(t).suspicious).length;
console.log(`${texts.length} rows (${needing} with something to de-obfuscate), ${(bytes / 1e6).toFixed(1)} MB of text (title + description), ${file}`);
console.log('stage'.padEnd(44) + 'us/row'.padStart(8) + 'MB/s'.padStart(8) + (values.baseline ? '  x baseline' : '  x v1'));
for (const r of results) console.log(r.label.padEnd(44) + r.usPerRow.toFixed(2).padStart(8) + r.mbps.toFixed(0).padStart(8) + (r.ms / base).toFixed(2).padStart(7));
if (sink < 0) console.log(sink);
