import { describe, expect, it } from 'vitest';
import { cli } from './cli-helpers.js';

const LINT = 'test/fixtures/lexicons/lint/';

describe('wildsift lexicon lint (built binary)', () => {
  it('passes on the built-in lexicons', async () => {
    const r = (await cli(['lexicon', 'lint']));
    expect(r.stdout).toMatch(/files? checked: 0 errors/);
    expect(r.code).toBe(0);
  });

  it('reports each kind of problem with file, entry and field, and exits 2 on errors', async () => {
    const r = (await cli(['lexicon', 'lint', LINT + 'problems.yaml', LINT + 'no-examples.yaml']));
    expect(r.code).toBe(2);
    const lines = r.stdout.split('\n');
    const has = (s: string) => expect(lines.some((l) => l.includes(s)), s).toBe(true);
    has(`error: ${LINT}no-examples.yaml: entry no-examples.one: missing source`);
    has(`error: ${LINT}no-examples.yaml: entry no-examples.one: missing examples`);
    has(`error: ${LINT}problems.yaml: entry problems.dup-a: field source: missing source ("TODO")`);
    has(`error: ${LINT}problems.yaml: entry problems.dup-a: field terms.zh: term "。" normalizes to nothing`);
    has(`error: ${LINT}problems.yaml: entry problems.dup-b: field terms.en: duplicate term "TIGER-BONE" (normalized "tiger bone"): also in product entry problems.dup-a`);
    has(`error: ${LINT}problems.yaml: entry problems.dup-b: field terms.en: term "x" normalizes to the single letter "x"`);
    has(`warning: ${LINT}problems.yaml: entry problems.dup-a: field terms.en: term "Tiger  Bone" repeats another term of this entry`);
    has(`warning: ${LINT}problems.yaml: entry problems.benign-positive: field weight: benign entries usually have a negative weight, got 2`);
    has('2 files checked: 6 errors, 3 warnings');
  });

  it('reports unknown languages, weights out of range and duplicate ids', async () => {
    const r = (await cli(['lexicon', 'lint', 'test/fixtures/lexicons/bad-schema.yaml', 'test/fixtures/lexicons/mini.yaml', 'test/fixtures/lexicons/mini.yaml']));
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('entry bad.one: field terms: has an unknown language code "xx"');
    expect(r.stdout).toContain('entry bad.one: field weight: must be <= 5');
    expect(r.stdout).toContain('entry mini.rhino-horn: field id: duplicate id, also in test/fixtures/lexicons/mini.yaml');
  });

  it('checks near conditions: named entries, anchors without a condition, examples both ways', async () => {
    const r = await cli(['lexicon', 'lint', LINT + 'near.yaml']);
    expect(r.code).toBe(2);
    const lines = r.stdout.split('\n');
    const has = (s: string) => expect(lines.some((l) => l.includes(s)), s).toBe(true);
    has(`error: ${LINT}near.yaml: entry near-lint.dangling: field near.entries: names entry "no-such.entry", which no linted lexicon has`);
    has(`error: ${LINT}near.yaml: entry near-lint.dangling: field near.entries: names entry "near-lint.silk", which has a near condition of its own`);
    has(`warning: ${LINT}near.yaml: entry near-lint.dangling: field near.kinds: no linted entry of kind code_word without a near condition`);
    has(`error: ${LINT}near.yaml: entry near-lint.one-way: field examples.no_match: an entry with a near condition needs a no_match example that holds one of its terms`);
    expect(lines.some((l) => l.includes('near-lint.silk:'))).toBe(false);
    // and the examples run through the real path: silk next to ivory is a hit, silk away from it none
    const t = await cli(['lexicon', 'test', LINT + 'near.yaml']);
    expect(t.stdout).not.toContain('near-lint.silk');
  });

  it('writes JSON with --format json', async () => {
    const r = (await cli(['lexicon', 'lint', '--format', 'json', LINT + 'problems.yaml']));
    const j = JSON.parse(r.stdout) as { errors: number; warnings: number; problems: { severity: string; entry?: string; field?: string }[] };
    expect(j.errors).toBe(4);
    expect(j.warnings).toBe(3);
    expect(j.problems[0]).toMatchObject({ severity: 'error', entry: 'problems.dup-a', field: 'source' });
  });
});

describe('wildsift lexicon test (built binary)', () => {
  it('passes on the built-in lexicons', async () => {
    const r = (await cli(['lexicon', 'test']));
    expect(r.stdout).toMatch(/: (\d+) passed, 0 failed\n$/);
    expect(r.code).toBe(0);
  });

  it('reports each failing example and exits 1', async () => {
    const r = (await cli(['lexicon', 'test', LINT + 'failing-examples.yaml']));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`FAIL ${LINT}failing-examples.yaml: entry failing.tiger: match example "tigers for sale" should hit this entry but did not; hits: (none)`);
    expect(r.stdout).toContain(`FAIL ${LINT}failing-examples.yaml: entry failing.tiger: no_match example "a tiger cub" should not hit this entry but did; hits: failing.tiger`);
    expect(r.stdout).toContain('4 examples of 1 entries in 1 lexicons: 2 passed, 2 failed');
  });

  it('exits 2 when a lexicon does not load', async () => {
    expect((await cli(['lexicon', 'test', LINT + 'no-examples.yaml'])).code).toBe(2);
  });
});

describe('wildsift lexicon list (built binary)', () => {
  it('lists entries and coverage as JSON', async () => {
    const r = (await cli(['lexicon', 'list', '--format', 'json', 'test/fixtures/lexicons/mini.yaml']));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { entries: { id: string; terms: number; languages: string[] }[]; coverage: { products: string[]; terms: Record<string, Record<string, number>> } };
    expect(j.entries.map((e) => e.id)).toEqual(['mini.rhino-horn', 'mini.ivory', 'mini.tiger-balm', 'mini.tiger', 'mini.sale']);
    expect(j.entries[1]).toMatchObject({ terms: 2, languages: ['en', 'vi'] });
    // coverage counts product, species and code-word entries only
    expect(j.coverage.products).toEqual(['elephant_ivory', 'rhino_horn', 'tiger']);
    expect(j.coverage.terms).toEqual({ rhino_horn: { en: 1 }, elephant_ivory: { en: 1, vi: 1 }, tiger: { en: 1 } });
  });

  it('prints a coverage table with holes marked', async () => {
    const r = (await cli(['lexicon', 'list', 'test/fixtures/lexicons/mini.yaml']));
    const row = r.stdout.split('\n').find((l) => l.startsWith('elephant_ivory'))!;
    expect(row).toMatch(/^elephant_ivory\s+1\s+·\s+·\s+1\s+·/);
  });
});

describe('a closed pipe', () => {
  it('ends lexicon list and explain quietly with exit 0', async () => {
    const { spawnSync } = await import('node:child_process');
    const { BIN } = await import('./cli-helpers.js');
    for (const cmd of ['lexicon list', 'explain "ivory bangle for sale"']) {
      const r = spawnSync('bash', ['-c', `node ${BIN} ${cmd} | head -c 1 >/dev/null; echo "status=\${PIPESTATUS[0]}"`], { encoding: 'utf8' });
      expect(r.stdout.trim(), cmd).toBe('status=0');
      expect(r.stderr, cmd).toBe('');
    }
  });
});
