#!/usr/bin/env node
// Runs the evaluation gates of fixtures/eval/gates.json with the built CLI and
// prints each result. Exit 1 when a gate fails. Part of `npm test`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { gates } = JSON.parse(readFileSync(path.join(root, 'fixtures/eval/gates.json'), 'utf8'));
const flag = { min_precision: '--min-precision', min_recall: '--min-recall', min_f1: '--min-f1', min_ap: '--min-ap', max_fp: '--max-fp' };
let failed = 0;
for (const g of gates) {
  const limits = Object.entries(flag).filter(([k]) => g[k] !== undefined).flatMap(([k, f]) => [f, String(g[k])]);
  const args = ['eval', ...g.inputs, ...g.args, ...limits, '--format', 'json', '--quiet'];
  const r = spawnSync(process.execPath, [path.join(root, 'dist/cli/main.js'), ...args], { cwd: root, encoding: 'utf8' });
  if (r.status === 2 || !r.stdout) {
    console.log(`gate "${g.name}": error\n${r.stderr}`);
    failed++;
    continue;
  }
  const m = JSON.parse(r.stdout).metrics;
  const pct = (x) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
  const shown = `precision ${pct(m.precision)}, recall ${pct(m.recall)}, F1 ${pct(m.f1)}, AP ${m.average_precision ?? '-'}, false positives ${m.fp}`;
  const limitsText = Object.keys(flag).filter((k) => g[k] !== undefined).map((k) => `${k} ${g[k]}`).join(', ');
  if (r.status === 0) console.log(`gate "${g.name}": pass (${shown}; limits ${limitsText})`);
  else {
    failed++;
    console.log(`gate "${g.name}": FAIL (${shown}; limits ${limitsText})\n${r.stderr.trim()}`);
  }
}
console.log(`${gates.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
