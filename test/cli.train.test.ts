import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, jsonLines, MINI } from './cli-helpers.js';

const LATIN = 'fixtures/eval/labelled-latin.csv';
const ASIA = 'fixtures/eval/labelled-asia.csv';
const dir = mkdtempSync(path.join(tmpdir(), 'wildsift-train-'));
const MODEL = path.join(dir, 'm.json');
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

function csv(name: string, text: string): string {
  const f = path.join(dir, name);
  writeFileSync(f, text);
  return f;
}

describe('wildsift train and --model (built binary)', () => {
  let trained: { code: number | null; stdout: string; stderr: string };
  beforeAll(async () => {
    trained = await cli(['train', LATIN, '--label', 'label', '--where', 'split=dev', '-o', MODEL]);
  }, 60_000);

  it('writes a wildsift.model/1 file and a summary on stderr, nothing on stdout', () => {
    expect(trained.code).toBe(0);
    expect(trained.stdout).toBe('');
    expect(trained.stderr).toMatch(/^wildsift: trained on 214 listings \(\d+ positive\) in [\d.]+ s: 5-fold out-of-fold AP 0\.\d{3}, F1 0\.\d{3} .* at threshold 0\.\d+, calibration error 0\.\d{3}; hand-weighted score on the same rows: AP 0\.\d{3}, F1 0\.\d{3}; model written to .*m\.json\n$/);
    const m = JSON.parse(readFileSync(MODEL, 'utf8'));
    expect(m).toMatchObject({ schema: 'wildsift.model/1', calibration: { method: 'platt' }, threshold_rule: 'best-f1', training: { rows: 214, label: 'label', where: ['split=dev'], converged: true } });
    expect(m.lexicons.id).toMatch(/^[0-9a-f]{16}$/);
    expect(m.lexicons.sets.map((s: { name: string }) => s.name)).toContain('ivory');
    expect(m.weights.named.prior).toBeGreaterThan(0);
    expect(m.weights.hashed.length).toBeGreaterThan(100);
  });

  it('is deterministic: the same listings and options give the same bytes, on stdout without -o', async () => {
    const again = await cli(['train', LATIN, '--label', 'label', '--where', 'split=dev', '--quiet']);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(readFileSync(MODEL, 'utf8'));
    expect(again.stderr).toBe('');
  }, 60_000);

  it('scores other listings with the model: calibrated scores, the model threshold, additive records', async () => {
    const r = await cli(['score', ASIA, '--model', MODEL, '-f', 'jsonl', '--quiet']);
    expect(r.code).toBe(0);
    const m = JSON.parse(readFileSync(MODEL, 'utf8'));
    const recs = jsonLines(r.stdout) as any[];
    expect(recs).toHaveLength(320);
    let applied = 0;
    for (const x of recs) {
      expect(x.model.id).toMatch(/^[0-9a-f]{16}$/);
      expect(x.flagged).toBe(x.score >= m.threshold);
      if (!x.model.applied) {
        expect(x.score).toBe(0);
        expect(x.model.logit).toBeNull();
        continue;
      }
      applied++;
      expect(x.score).toBeCloseTo(sigmoid(x.model.logit), 3);
      expect(x.model.bias + x.model.prior + x.model.lexicon + x.model.text).toBeCloseTo(x.model.logit, 3);
      expect(x.model.top.length).toBeGreaterThan(0);
    }
    expect(applied).toBeGreaterThan(100);
    // CSV carries the model part as a JSON column; without a model there is no such column
    const c = (await cli(['score', ASIA, '--model', MODEL, '-f', 'csv', '--top', '3', '--keep', 'none', '--quiet'])).stdout.split('\n');
    expect(c[0]).toBe('rank,group,id,source,row,score,level,flagged,products,terms,hits,fingerprint,model');
    expect(c[1]).toMatch(/"\{""id"":""[0-9a-f]{16}"",""applied"":true,/);
    expect((await cli(['score', ASIA, '-f', 'csv', '--top', '1', '--keep', 'none', '--quiet'])).stdout.split('\n')[0]).toBe('rank,group,id,source,row,score,level,flagged,products,terms,hits,fingerprint');
    // --threshold still wins over the model's
    const t = jsonLines((await cli(['score', ASIA, '--model', MODEL, '--threshold', '0.99', '-f', 'jsonl', '--quiet'])).stdout) as any[];
    expect(t.every((x) => x.flagged === x.score >= 0.99)).toBe(true);
  });

  it('explain --model lists every feature; they add up to the logit, and the score equals score --model on the same text', async () => {
    const text = 'Antique carved ivory netsuke, Meiji period, 5.5 cm. $1,200, ships worldwide';
    const e = JSON.parse((await cli(['explain', '--model', MODEL, '-f', 'json', text])).stdout);
    const sum = e.model.bias + e.model.features.reduce((s: number, f: { contribution: number }) => s + f.contribution, 0);
    expect(sum).toBeCloseTo(e.model.logit, 4);
    expect(e.score).toBe(Math.round(sigmoid(e.model.logit) * 1e4) / 1e4);
    expect(e.model.features.map((f: { feature: string }) => f.feature)).toContain('prior');
    const s = jsonLines((await cli(['score', '-', '--model', MODEL, '--input-format', 'jsonl', '--text', 'text', '--quiet'], { input: JSON.stringify({ text }) + '\n' })).stdout) as any[];
    expect(s[0].score).toBe(e.score);
    const lines = (await cli(['explain', '--model', MODEL, text])).stdout;
    expect(lines).toMatch(/strongest for \(\d+\):/);
    expect(lines).toMatch(/strongest against \(\d+\):/);
    expect(lines).toMatch(/logit [+-]\d\.\d{4} = bias \+ prior \+ lexicon \+ text -> score sigmoid\(logit\) = \d\.\d{4}/);
  });

  it('eval, diff and stats take --model; --model none is the hand-weighted score', async () => {
    const ev = JSON.parse((await cli(['eval', ASIA, '--label', 'label', '--model', MODEL, '-f', 'json'])).stdout);
    const m = JSON.parse(readFileSync(MODEL, 'utf8'));
    expect(ev.threshold).toBe(m.threshold);
    const hand = JSON.parse((await cli(['eval', ASIA, '--label', 'label', '--model', 'none', '-f', 'json'])).stdout);
    expect(hand.threshold).toBe(0.5);
    expect(ev.metrics.average_precision).not.toBe(hand.metrics.average_precision);
    const d = await cli(['diff', ASIA, '--model', MODEL, '-f', 'json']);
    expect(d.code).toBe(0);
    expect(JSON.parse(d.stdout)).toMatchObject({ rows: 320, threshold: m.threshold, base_threshold: 0.5 });
    const st = JSON.parse((await cli(['stats', ASIA, '--model', MODEL, '-f', 'json'])).stdout);
    expect(st.flagged).toBe(ev.metrics.tp + ev.metrics.fp);
  });

  it('merge refuses shards scored with different models, and merges shards of one model', async () => {
    const withModel = path.join(dir, 'a.jsonl');
    const hand = path.join(dir, 'b.jsonl');
    const other = path.join(dir, 'c.jsonl');
    expect((await cli(['score', ASIA, '--model', MODEL, '-f', 'jsonl', '-o', withModel, '--quiet'])).code).toBe(0);
    expect((await cli(['score', LATIN, '-f', 'jsonl', '-o', hand, '--quiet'])).code).toBe(0);
    expect((await cli(['score', LATIN, '--model', MODEL, '-f', 'jsonl', '-o', other, '--quiet'])).code).toBe(0);
    const bad = await cli(['merge', withModel, hand]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/b\.jsonl row 1 was scored with lexicon set [0-9a-f]{16} with hand weights, .*a\.jsonl row 1 with lexicon set [0-9a-f]{16} with model [0-9a-f]{16}: shards must be scored with the same lexicons and model/);
    const ok = await cli(['merge', withModel, other]);
    expect(ok.code).toBe(0);
    expect(jsonLines(ok.stdout)).toHaveLength(640);
  });

  it('eval --cv reports folds, the model next to the hand weights, grouped folds and a learning curve', async () => {
    const r = await cli(['eval', LATIN, '--label', 'label', '--cv', '3', '--group-by', 'platform', '--learning-curve', '60,120', '-f', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ schema: 'wildsift.cv/1', folds: 3, group_by: 'platform', rows: 320 });
    expect(j.model.folds).toHaveLength(3);
    expect(j.hand_weighted.folds).toHaveLength(3);
    expect(j.model.folds.reduce((s: number, f: { rows: number }) => s + f.rows, 0)).toBe(320);
    expect(j.model.out_of_fold.average_precision).toBeGreaterThan(0.5);
    expect(j.learning_curve.map((c: { labels: number }) => c.labels)).toEqual([60, 120]);
    const table = (await cli(['eval', LATIN, '--label', 'label', '--cv', '3'])).stdout;
    expect(table).toContain('3-fold cross-validation, stratified random folds, seed 1');
    expect(table).toMatch(/out of fold, model: AP 0\.\d{4}/);
  }, 120_000);
});

describe('the README transcript of train', () => {
  it('shows the summary line the README command prints (all but the time)', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const shown = /\n(wildsift: trained on 428 listings[^\n]*)\n/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    const out = path.join(dir, 'readme-model.json');
    // the shell expands labelled-*.csv in name order: asia, then latin (the order sets the folds)
    const r = await cli(['train', ASIA, LATIN, '--label', 'label', '--where', 'split=dev', '-o', out]);
    const strip = (line: string) => line.replace(/ in [\d.]+ s:/, ' in _ s:').replace(/model written to .*$/, '');
    expect(strip(r.stderr.trim())).toBe(strip(shown!));
  }, 60_000);
});

describe('train and --model refuse bad input (exit 2)', () => {
  const rows = (labels: string[]) => 'id,title,label\n' + labels.map((l, i) => `R${i},elephant ivory bangle for sale ${i},${l}`).join('\n') + '\n';

  it('a missing label field, listing the fields there are', async () => {
    const r = await cli(['train', LATIN, '--label', 'labels']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('field "labels" not found; fields present: id, split, platform, title, description, price, label, product, lang, kind');
  });

  it('label values that are not two classes, listing them and suggesting --positive', async () => {
    const f = csv('three.csv', rows(['offer', 'negative', 'maybe', 'offer']));
    const r = await cli(['train', f, '--label', 'label']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/label field "label": values that are neither positive .* nor negative .*: "offer" \(2\), "maybe" \(1\); name the positive values, and every other value is a negative \(--positive\)/);
  });

  it('one class only', async () => {
    const r = await cli(['train', csv('one.csv', rows(['1', '1', '1'])), '--label', 'label']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('all 3 labelled listings are positive (label field "label"): training needs both classes');
  });

  it('too few positives for the folds, saying how many', async () => {
    const f = csv('few.csv', rows(['1', '1', '0', '0', '0', '0', '0', '0']));
    const t = await cli(['train', f, '--label', 'label']);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('2 positive and 6 negative listings are too few for 5 folds');
    expect(t.stderr).toContain('(--folds)');
    const e = await cli(['eval', f, '--label', 'label', '--cv', '3']);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('2 positive listings are too few for 3 folds');
  });

  it('a corrupt model file, a model of another schema, a model of other lexicons, --model with --scored', async () => {
    const whole = readFileSync(MODEL, 'utf8');
    const cut = await cli(['score', LATIN, '--model', csv('cut.json', whole.slice(0, 500))]);
    expect(cut.code).toBe(2);
    expect(cut.stderr).toMatch(/cut\.json: not a wildsift model: not JSON .* \(--model\)/);
    const other = await cli(['score', LATIN, '--model', csv('v2.json', JSON.stringify({ ...JSON.parse(whole), schema: 'wildsift.model/2' }))]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('a model of schema "wildsift.model/2"; this wildsift reads wildsift.model/1');
    const edited = JSON.parse(whole);
    edited.weights.hashed[0][0] = 2 ** 30;
    const bad = await cli(['explain', '--model', csv('edited.json', JSON.stringify(edited)), 'ivory']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('corrupt or edited by hand');
    const lex = await cli(['score', LATIN, '--model', MODEL, ...MINI]);
    expect(lex.code).toBe(2);
    expect(lex.stderr).toMatch(/m\.json was trained with other lexicons .*mini .* is new.*ivory .* is not loaded.*Retrain it with `wildsift train`/);
    expect(lex.stdout).toBe('');
    const scored = await cli(['stats', '--scored', '--model', MODEL, LATIN]);
    expect(scored.code).toBe(2);
    expect(scored.stderr).toContain('(--model, --scored)');
    const missing = await cli(['score', LATIN, '--model', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read the model: no such file or directory \(ENOENT\)/);
  });

  it('eval --cv refuses --model and --all-negative; --group-by needs --cv', async () => {
    expect((await cli(['eval', LATIN, '--label', 'label', '--cv', '3', '--model', MODEL])).stderr).toContain('cross-validation trains a model on each fold');
    expect((await cli(['eval', LATIN, '--label', 'label', '--group-by', 'platform'])).stderr).toContain('grouped folds and a learning curve are parts of cross-validation (--group-by, --cv)');
  });
});
