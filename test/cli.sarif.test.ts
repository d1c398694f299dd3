/** SARIF 2.1.0 logs of lexicon lint (-f sarif) and of eval gate failures (--sarif <file>), for code-scanning annotations. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';

const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-sarif-'));

/** What SARIF 2.1.0 requires of the parts we write, and that each result names one of the run's rules. */
function checkSarif(log: any): any[] {
  expect(log.version).toBe('2.1.0');
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0];
  expect(typeof run.tool.driver.name).toBe('string');
  const ids = run.tool.driver.rules.map((r: any) => r.id);
  for (const r of run.results) {
    expect(ids[r.ruleIndex]).toBe(r.ruleId);
    expect(['error', 'warning', 'note']).toContain(r.level);
    expect(typeof r.message.text).toBe('string');
    for (const l of r.locations ?? []) {
      expect(typeof l.physicalLocation.artifactLocation.uri).toBe('string');
      if (l.physicalLocation.region) expect(l.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
  }
  return run.results;
}

describe('SARIF output (built binary)', () => {
  it('lexicon lint -f sarif: one result per problem, at the line of the entry, with the exit code of lint', async () => {
    const text = await cli(['lexicon', 'lint', '--no-color', 'test/fixtures/lexicons/lint/']);
    const r = await cli(['lexicon', 'lint', '-f', 'sarif', 'test/fixtures/lexicons/lint/']);
    expect(r.code).toBe(2);
    expect(text.code).toBe(2);
    const results = checkSarif(JSON.parse(r.stdout));
    const problemLines = text.stdout.split('\n').filter((l) => /^(error|warning): /.test(l));
    expect(results).toHaveLength(problemLines.length);
    expect(results.filter((x) => x.level === 'warning').length).toBe(problemLines.filter((l) => l.startsWith('warning')).length);
    // a result about an entry points at the line of its id
    const located = results.filter((x) => x.locations[0].physicalLocation.region);
    expect(located.length).toBeGreaterThan(0);
    for (const x of located) {
      const loc = x.locations[0].physicalLocation;
      const line = readFileSync(loc.artifactLocation.uri, 'utf8').split('\n')[loc.region.startLine - 1]!;
      const entry = /entry ([^:]+):/.exec(x.message.text)![1]!;
      expect(line).toMatch(new RegExp(`id:\\s*["']?${entry.replace(/[.]/g, '\\.')}`));
    }
    const clean = await cli(['lexicon', 'lint', '-f', 'sarif']);
    expect(clean.code).toBe(0);
    expect(checkSarif(JSON.parse(clean.stdout))).toEqual([]);
  });

  it('eval --sarif: a result per failed gate, an empty log when every gate passes; the report still goes to stdout', async () => {
    const file = path.join(dir, 'gates.sarif');
    const r = await cli(['eval', 'fixtures/eval/labelled-talk.csv', '--label', 'label', '--min-precision', '0.99', '--min-recall', '0.99', '--max-fp', '1000', '--quiet', '--sarif', file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('precision');
    const results = checkSarif(JSON.parse(readFileSync(file, 'utf8')));
    expect(results.map((x) => x.ruleId)).toEqual(['eval-gate/min-precision', 'eval-gate/min-recall']);
    expect(results[0].message.text).toMatch(/^gate failed: precision 0\.\d{4} is below 0\.99 \(--min-precision\)$/);
    expect(results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('fixtures/eval/labelled-talk.csv');
    const pass = await cli(['eval', 'fixtures/eval/benign.csv', '--all-negative', '--max-fp', '0', '--quiet', '--sarif', file]);
    expect(pass.code).toBe(0);
    expect(checkSarif(JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
  });
});
