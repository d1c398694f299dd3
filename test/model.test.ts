import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { featureNames, hashedFeatures, ngramLabel } from '../src/core/features.js';
import { hasEvidence, lexiconFeatures, ModelScorer, modelId, MODEL_SCHEMA, priorValue, type HitLike, type ModelData } from '../src/core/model.js';
import { sigmoid } from '../src/core/logreg.js';
import { reliability } from '../src/core/calibrate.js';
import { checkFolds, chooseThreshold, groupedFolds, metricsAt, stratifiedFolds, trainModel, writtenWeights, DEFAULT_TRAIN, type Example } from '../src/core/train.js';

const hit = (entry: string, kind: string, extra: Partial<HitLike> = {}): HitLike => ({ entry, kind, field: 'title', start: 0, transform: 'exact', status: 'counted', ...extra });

describe('model features', () => {
  it('names the prior, each entry, kind@field, lead, transform and status; skips inside and negation hits', () => {
    const f = lexiconFeatures(3, [
      hit('ivory.names', 'product'),
      hit('ivory.names', 'product', { status: 'repeat', start: 100 }),
      hit('forms.bangle', 'product_form', { field: 'description', start: 50 }),
      hit('forms.carved', 'product_form', { field: 'description', start: 60, status: 'inside' }),
      hit('trade.price', 'trade_signal', { field: 'description', start: 10, transform: 'lookalike', status: 'uncorroborated' }),
      hit('benign.resin', 'benign', { status: 'negated' }),
      hit('neg.not', 'negation', { status: 'negation' }),
    ]);
    expect(Object.fromEntries(f)).toEqual({
      prior: 1,
      'entry:ivory.names': 1,
      'lead:product@title': 1,
      'entry:forms.bangle': 1,
      'entry:trade.price': 1,
      'status:uncorroborated:trade_signal': 1,
      'transform:lookalike': 1,
      'lead:trade_signal@description': 1,
      'negated:benign': 1,
      'kind:product@title': Math.log1p(1),
      'kind:product_form@description': Math.log1p(1),
      'kind:trade_signal@description': Math.log1p(1),
    });
  });

  it('clips the prior to -2..3 of the scale, on the raw score as written (3 decimals)', () => {
    expect(priorValue(30)).toBe(3);
    expect(priorValue(-30)).toBe(-2);
    expect(priorValue(1.50049)).toBe(0.5);
  });

  it('a model scores only listings with product evidence', () => {
    expect(hasEvidence([hit('a', 'trade_signal')])).toBe(false);
    expect(hasEvidence([hit('a', 'product', { status: 'inside' })])).toBe(false);
    expect(hasEvidence([hit('a', 'product', { status: 'no-evidence' })])).toBe(false);
    expect(hasEvidence([hit('a', 'code_word', { status: 'uncorroborated' })])).toBe(true);
  });

  it('names each hashed bucket by its n-grams, the same buckets hashedFeatures fills', () => {
    const keys = new Map<number, string>();
    const v = hashedFeatures('carved ivory', { bits: 12, wordNgrams: [1, 2], charNgrams: [3] }, keys);
    const names = featureNames('carved ivory', { bits: 12, wordNgrams: [1, 2], charNgrams: [3] });
    expect([...names.keys()].sort((a, b) => a - b)).toEqual([...v.indices]);
    expect([...names.values()].flat()).toContain('word "carved ivory"');
    expect([...names.values()].flat()).toContain('char " iv"');
    for (const [j, k] of keys) expect(names.get(j)).toContain(ngramLabel(k));
  });
});

function model(named: Record<string, number>, hashed: [number, number][], a = 0.8, b = -0.2, intercept = -1): ModelData {
  return {
    schema: MODEL_SCHEMA,
    created_by: 'test',
    lexicons: { id: '0123456789abcdef', sets: [] },
    features: { hashing: { bits: 10, word_ngrams: [1], char_ngrams: [] }, min_df: 1, max_df: 1, prior_scale: 3, lead_chars: 40 },
    intercept,
    weights: { named, hashed },
    calibration: { method: 'platt', a, b },
    threshold: 0.5,
    threshold_rule: 'best-f1',
    training: {},
  };
}

describe('ModelScorer', () => {
  it('contributions and the bias add up to the calibrated log-odds, whose sigmoid is the score', () => {
    const text = 'hallmarked ivory box';
    const v = hashedFeatures(text, { bits: 10, wordNgrams: [1], charNgrams: [] });
    const hashed: [number, number][] = [...v.indices].map((j, k) => [j, k === 0 ? 1.5 : -0.5]);
    const m = new ModelScorer(model({ prior: 2, 'entry:ivory.names': 0.7 }, hashed));
    const o = m.outcome({ raw: 1.5 }, [hit('ivory.names', 'product')], [{ name: 'title', text }]);
    expect(o.applied).toBe(true);
    const sum = o.bias + o.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(sum).toBeCloseTo(o.logit, 12);
    expect(o.bias).toBeCloseTo(0.8 * -1 - 0.2, 12);
    expect(o.parts.prior).toBeCloseTo(0.8 * 2 * 0.5, 12);
    expect(o.parts.lexicon).toBeCloseTo(0.8 * 0.7, 12);
    // the text vector has unit length, so three buckets of equal count carry 1/sqrt(3) each
    expect(o.parts.text).toBeCloseTo((0.8 * (1.5 - 0.5 - 0.5)) / Math.sqrt(3), 12);
    expect(o.probability).toBeCloseTo(sigmoid(o.logit), 15);
    expect(o.contributions[0]!.feature).toBe('prior');
    expect(o.contributions.some((c) => c.feature.startsWith('text:word "'))).toBe(true);
  });

  it('keeps the strongest `limit` contributions, the same as the first of all of them; the sums are over all', () => {
    const text = 'antique carved ivory netsuke meiji period signed on the base lot 42 estimate on request';
    const o = { bits: 8, wordNgrams: [1, 2], charNgrams: [3] };
    const v = hashedFeatures(text, o);
    fc.assert(fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: v.indices.length, maxLength: v.indices.length }), fc.integer({ min: 0, max: 12 }), (ws, limit) => {
      // small whole weights: many ties, so the name order is exercised too
      const hashed: [number, number][] = [...v.indices].map((j, k) => [j, ws[k]! / 2]);
      const base = model({ prior: 1 }, hashed);
      const m = new ModelScorer({ ...base, features: { ...base.features, hashing: { bits: 8, word_ngrams: [1, 2], char_ngrams: [3] } } });
      const args = [{ raw: 1 }, [hit('ivory.names', 'product')], [{ name: 'title', text }]] as const;
      const all = m.outcome(...args, Infinity);
      const some = m.outcome(...args, limit);
      expect(some.contributions).toEqual(all.contributions.slice(0, limit));
      expect(some.logit).toBe(all.logit);
      expect(some.parts).toEqual(all.parts);
    }));
  });

  it('leaves a listing without product evidence at 0, not applied', () => {
    const m = new ModelScorer(model({ prior: 2 }, [], 1, 5, 5));
    const o = m.outcome({ raw: 0 }, [hit('trade.price', 'trade_signal')], [{ name: 'title', text: 'iPhone $400 WhatsApp' }]);
    expect(o).toMatchObject({ applied: false, probability: 0, level: 'none', contributions: [] });
  });

  it('fingerprints the whole model', () => {
    expect(modelId(model({ prior: 1 }, []))).toMatch(/^[0-9a-f]{16}$/);
    expect(modelId(model({ prior: 1 }, []))).not.toBe(modelId(model({ prior: 1.0001 }, [])));
  });
});

/** mulberry32 */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Examples from a known logistic model over a prior feature and a few named features. */
function synthetic(n: number, seed: number): Example[] {
  const rnd = prng(seed);
  const out: Example[] = [];
  for (let i = 0; i < n; i++) {
    const prior = rnd() * 3 - 1;
    const a = rnd() < 0.3 ? 1 : 0, b = rnd() < 0.3 ? 1 : 0;
    const z = -0.5 + 1.5 * prior + 1.2 * a - 1.5 * b;
    const named = new Map<string, number>([['prior', prior]]);
    if (a) named.set('entry:a', 1);
    if (b) named.set('entry:b', 1);
    out.push({ named, hashed: { indices: new Uint32Array(0), values: new Float64Array(0) }, label: rnd() < sigmoid(z) ? 1 : 0 });
  }
  return out;
}

describe('training', () => {
  it('is calibrated on a synthetic problem: reliability within 0.05 on fresh rows', () => {
    const train = synthetic(3000, 1);
    const test = synthetic(3000, 2);
    const t = trainModel(train, train.map((_, i) => i), { ...DEFAULT_TRAIN, l2: 1e-4 });
    const m = new ModelScorer({ ...model(writtenWeights(t.linear).named, [], t.platt.a, t.platt.b, t.linear.intercept) });
    // score the fresh rows through the model path: probabilities from the named features
    const probs = test.map((e) => {
      let z = t.linear.intercept;
      for (const [k, v] of e.named) z += (t.linear.named.get(k) ?? 0) * v;
      return sigmoid(t.platt.a * z + t.platt.b);
    });
    const { ece } = reliability(probs, test.map((e) => e.label));
    expect(ece).toBeLessThan(0.05);
    expect(t.cv.ece).toBeLessThan(0.05);
    // the weights recover the generating model's signs and rough sizes (class-balanced, so the intercept moves)
    expect(t.linear.named.get('entry:a')!).toBeGreaterThan(0.8);
    expect(t.linear.named.get('entry:b')!).toBeLessThan(-1);
    expect(m.model.weights.named.prior).toBeGreaterThan(1);
  });

  it('is deterministic: the same examples and seed give the same weights, threshold and folds', () => {
    const ex = synthetic(500, 3);
    const idx = ex.map((_, i) => i);
    const a = trainModel(ex, idx, DEFAULT_TRAIN), b = trainModel(ex, idx, DEFAULT_TRAIN);
    expect(JSON.stringify(writtenWeights(a.linear))).toBe(JSON.stringify(writtenWeights(b.linear)));
    expect([a.cut, a.platt]).toEqual([b.cut, b.platt]);
    const c = trainModel(ex, idx, { ...DEFAULT_TRAIN, seed: 2 });
    expect(c.oof).not.toEqual(a.oof);
  });

  it('stratified folds give every fold its share of each class', () => {
    const labels = Array.from({ length: 103 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const folds = stratifiedFolds(labels, 5, 7);
    for (let f = 0; f < 5; f++) {
      const pos = labels.filter((y, i) => y === 1 && folds[i] === f).length;
      expect(pos === 5 || pos === 6).toBe(true);
    }
  });

  it('grouped folds never split a group and balance the fold sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 10, maxLength: 300 }), fc.integer({ min: 1, max: 99 }), (gs, seed) => {
        const groups = gs.map((g) => `seller${g}`);
        const distinct = new Set(groups).size;
        if (distinct < 3) return;
        const folds = groupedFolds(groups, 3, seed);
        const foldOf = new Map<string, number>();
        groups.forEach((g, i) => {
          if (foldOf.has(g)) expect(foldOf.get(g)).toBe(folds[i]);
          foldOf.set(g, folds[i]!);
        });
      }),
    );
    expect(() => groupedFolds(['a', 'a', 'b'], 3, 1)).toThrow(/at least 3 groups, and there are 2/);
  });

  it('refuses folds without a positive, naming the counts', () => {
    expect(() => checkFolds([1, 0, 1, 0, 0, 0], Int32Array.from([0, 0, 1, 1, 2, 2]), 3, 'eval')).toThrow(/fold 3 of 3 has no positive listing \(2 positives in 6 rows\)/);
    expect(() => checkFolds([1, 1, 0, 0], Int32Array.from([0, 0, 1, 1]), 2, 'eval')).toThrow(/the training part of fold 1 of 2 has only one class/);
    const ex = synthetic(40, 5).map((e, i) => ({ ...e, label: (i < 3 ? 1 : 0) as 0 | 1 }));
    expect(() => trainModel(ex, ex.map((_, i) => i), DEFAULT_TRAIN)).toThrow(/3 positive and 37 negative listings are too few for 5 folds/);
  });

  it('chooses the best-F1 threshold, or the lowest reaching a target precision', () => {
    // ranked: + + - + - -
    const probs = [0.9, 0.8, 0.7, 0.6, 0.3, 0.2], labels = [1, 1, 0, 1, 0, 0];
    expect(chooseThreshold(probs, labels)).toMatchObject({ threshold: 0.6, precision: 0.75, recall: 1 });
    expect(chooseThreshold(probs, labels, 1)).toMatchObject({ threshold: 0.8, precision: 1 });
    expect(() => chooseThreshold([0.9, 0.8], [0, 1], 0.99)).toThrow(/no threshold reaches precision 0.99/);
    expect(metricsAt(probs, labels, 0.6)).toMatchObject({ precision: 0.75, recall: 1, average_precision: (1 + 1 + 0.75) / 3 });
  });
});
