import { describe, expect, it } from 'vitest';
import { atThreshold, averagePrecision, precisionAtK, rocAuc, sweep } from '../src/core/metrics.js';

const items = (spec: string) => spec.split(' ').map((s) => ({ score: Number(s.slice(1)), positive: s[0] === '+' }));

describe('evaluation metrics on hand-computable inputs', () => {
  // ranking: + - + -  (scores 0.9 0.8 0.7 0.2)
  const four = items('+0.9 -0.8 +0.7 -0.2');

  it('average precision of four listings with known ranks', () => {
    // positives at ranks 1 and 3: (1/1 + 2/3) / 2 = 5/6
    expect(averagePrecision(four)).toBeCloseTo(5 / 6, 12);
    expect(averagePrecision(items('+0.9 +0.8 -0.7 -0.2'))).toBe(1);
    expect(averagePrecision(items('-0.9 -0.8 +0.7 +0.2'))).toBeCloseTo((1 / 3 + 2 / 4) / 2, 12);
    expect(averagePrecision(items('-0.9 -0.8'))).toBeNull();
  });

  it('ROC AUC counts positive-above-negative pairs, ties half', () => {
    // pairs (pos, neg): (0.9,0.8)=1 (0.9,0.2)=1 (0.7,0.8)=0 (0.7,0.2)=1 -> 3/4
    expect(rocAuc(four)).toBeCloseTo(0.75, 12);
    expect(rocAuc(items('+0.5 -0.5'))).toBe(0.5);
    expect(rocAuc(items('+0.5 +0.4'))).toBeNull();
  });

  it('precision, recall, F1, accuracy and the confusion matrix at a threshold', () => {
    const m = atThreshold(four, 0.75);
    // predicted: 0.9 (+), 0.8 (-) -> tp 1, fp 1; 0.7 (+) missed -> fn 1; 0.2 (-) -> tn 1
    expect(m).toMatchObject({ tp: 1, fp: 1, fn: 1, tn: 1, precision: 0.5, recall: 0.5, f1: 0.5, accuracy: 0.5 });
    expect(atThreshold(four, 0.95)).toMatchObject({ tp: 0, fp: 0, precision: null, recall: 0, f1: null });
  });

  it('precision at k', () => {
    expect(precisionAtK(four, 1)).toBe(1);
    expect(precisionAtK(four, 2)).toBe(0.5);
    expect(precisionAtK(four, 10)).toBe(0.5);
    expect(precisionAtK([], 10)).toBeNull();
  });

  it('finds the threshold with the best F1', () => {
    const { best } = sweep(four, [0.1, 0.5, 0.75, 0.85]);
    // 0.1: tp2 fp2 -> P .5 R 1 F1 .667; 0.5: tp2 fp1 -> P .667 R 1 F1 .8; 0.75: F1 .5; 0.85: tp1 -> P 1 R .5 F1 .667
    expect(best?.threshold).toBe(0.5);
    expect(best?.f1).toBeCloseTo(0.8, 12);
  });
});
