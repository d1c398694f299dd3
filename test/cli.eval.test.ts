import { describe, expect, it } from 'vitest';
import { cli, MINI } from './cli-helpers.js';

const FOUR = 'test/fixtures/eval/four.csv';

describe('wildsift eval (built binary)', () => {
  // with the mini lexicon: A 0.7364 (+), B 0.6321 (-), C 0.5934 (+), D 0 (-)
  it('computes the metrics of four listings with known ranks', async () => {
    const r = (await cli(['eval', ...MINI, FOUR, '--label', 'label', '--format', 'json']));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, any>;
    expect(j.schema).toBe('wildsift.eval/1');
    expect(j).toMatchObject({ rows: 4, positives: 2, negatives: 2, threshold: 0.5 });
    expect(j.metrics).toMatchObject({ tp: 2, fp: 1, fn: 0, tn: 1, precision: 0.6667, recall: 1, f1: 0.8, accuracy: 0.75 });
    expect(j.metrics.average_precision).toBe(0.8333);
    expect(j.metrics.roc_auc).toBe(0.75);
    expect(j.metrics.precision_at).toEqual({ 10: 0.5, 50: 0.5, 100: 0.5 });
    // thresholds 0.05 to 0.55 all keep A, B and C: F1 0.8 is the best, the lowest such threshold is reported
    expect(j.best_f1).toEqual({ threshold: 0.05, precision: 0.6667, recall: 1, f1: 0.8 });
    expect(j.false_positives.map((c: any) => c.id)).toEqual(['B']);
    expect(j.false_positives[0].hits[0]).toMatchObject({ entry: 'mini.ivory', match: 'elephant ivory', contribution: 3 });
    expect(j.by_language.map((g: any) => [g.group, g.rows, g.precision])).toEqual([['en', 3, 0.5], ['vi', 1, 1]]);
    expect(j.by_product.find((g: any) => g.group === 'elephant_ivory')).toMatchObject({ positives: 1, predicted: 2, tp: 1, precision: 0.5, recall: 1 });
  });

  it('fails a gate with a message naming the metric, and passes the others', async () => {
    const fail = (await cli(['eval', ...MINI, FOUR, '--label', 'label', '--min-precision', '0.7', '--min-recall', '0.9', '--quiet']));
    expect(fail.code).toBe(1);
    expect(fail.stderr).toBe('wildsift: gate failed: precision 0.6667 is below 0.7 (--min-precision)\n');
    expect((await cli(['eval', ...MINI, FOUR, '--label', 'label', '--min-f1', '0.8', '--min-ap', '0.8'])).code).toBe(0);
    const ap = (await cli(['eval', ...MINI, FOUR, '--label', 'label', '--min-ap', '0.9']));
    expect(ap.code).toBe(1);
    expect(ap.stderr).toContain('average precision 0.8333 is below 0.9 (--min-ap)');
  });

  it('evaluates a subset with --where and a negatives-only corpus with --all-negative', async () => {
    const j = JSON.parse((await cli(['eval', ...MINI, FOUR, '--label', 'label', '--where', 'lang=vi', '-f', 'json'])).stdout) as Record<string, any>;
    expect(j.rows).toBe(1);
    const neg = (await cli(['eval', ...MINI, FOUR, '--all-negative', '--max-fp', '2']));
    expect(neg.code).toBe(1);
    expect(neg.stderr).toContain('false positives 3 exceed 2 (--max-fp)');
  });

  it('prints a readable table', async () => {
    const r = (await cli(['eval', ...MINI, FOUR, '--label', 'label']));
    expect(r.stdout).toContain('4 listings: 2 positive, 2 negative; threshold 0.5');
    expect(r.stdout).toContain('precision  66.7%   recall 100.0%   F1  80.0%   accuracy  75.0%');
    expect(r.stdout).toContain('average precision 0.8333   ROC AUC 0.7500');
    expect(r.stdout).toMatch(/worst false positives \(1\):\n {2}0\.632 B/);
  });

  it('exits 2 on a missing label field or a bad option', async () => {
    const r = (await cli(['eval', ...MINI, FOUR, '--label', 'truth']));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('field "truth" not found; fields present: id, text, label, product, lang');
    expect((await cli(['eval', ...MINI, FOUR])).code).toBe(2);
    expect((await cli(['eval', ...MINI, FOUR, '--label', 'label', '--where', 'lang'])).code).toBe(2);
    expect((await cli(['eval', ...MINI, FOUR, '--label', 'label', '--min-f1', '2'])).code).toBe(2);
  });
});

describe('wildsift diff (built binary)', () => {
  it('reports listings newly flagged and the entries responsible', async () => {
    // base: the mini lexicon without its trade signals; head: the whole mini lexicon
    const r = (await cli(['diff', FOUR, '--base', 'test/fixtures/lexicons/mini-no-trade.yaml', '--head', 'test/fixtures/lexicons/mini.yaml', '--format', 'json']));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as Record<string, any>;
    expect(j.schema).toBe('wildsift.diff/1');
    expect(j.summary).toMatchObject({ base_flagged: 3, head_flagged: 3, newly_flagged: 0, no_longer_flagged: 0, score_changed: 1 });
    const lowered = (await cli(['diff', FOUR, '--base', 'test/fixtures/lexicons/mini-no-trade.yaml', '--head', 'test/fixtures/lexicons/mini.yaml', '--threshold', '0.7', '--format', 'json', '--fail-on-new-flags']));
    expect(lowered.code).toBe(1);
    const k = JSON.parse(lowered.stdout) as Record<string, any>;
    expect(k.newly_flagged.map((c: any) => c.id)).toEqual(['A']);
    expect(k.newly_flagged[0].entries).toEqual([{ entry: 'mini.sale', base: 0, head: 1 }]);
    expect(k.newly_flagged[0].base).toMatchObject({ score: 0.6321, flagged: false });
    expect(k.newly_flagged[0].head).toMatchObject({ score: 0.7364, flagged: true, rank: 1 });
    expect(lowered.stderr).toContain('1 listing newly flagged (--fail-on-new-flags)');
  });

  it('defaults both sides to the built-in lexicons', async () => {
    const r = (await cli(['diff', FOUR, '--fail-on-new-flags']));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^4 listings at threshold 0.5: flagged (\d+) \(base\) -> \1 \(head\); 0 newly flagged, 0 no longer flagged, 0 moved far in rank, 0 scores changed/);
  });
});
