import { describe, expect, it } from 'vitest';
import { csrFromRows, predictLogit, predictProba, sigmoid, trainLogistic, type LogisticModel } from '../src/core/logreg.js';
import { applyPlatt, fitPlatt, reliability } from '../src/core/calibrate.js';
import { UsageError } from '../src/core/errors.js';

// ---- references written separately from the implementation: dense, plain formulas ----

type Rows = [number, number][][];

/** mulberry32: a seeded PRNG for the synthetic data */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const normal = (rnd: () => number) => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

/** dense matrix from the rows themselves (not from the Csr), duplicates summed */
function dense(rows: Rows, dim: number): number[][] {
  return rows.map((r) => {
    const v = new Array<number>(dim).fill(0);
    for (const [j, x] of r) v[j]! += x;
    return v;
  });
}
const sig = (z: number) => 1 / (1 + Math.exp(-z));
const sp = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));
const zOf = (A: number[][], v: number[]) => A.map((r) => r.reduce((s, x, j) => s + x * v[j]!, v[r.length]!));

/** objective and gradient over v = [w..., b] */
function objective(A: number[][], y: number[], c: number[], l2: number, v: number[]): { f: number; g: number[] } {
  const n = A.length, dim = v.length - 1;
  const z = zOf(A, v);
  const g = new Array<number>(dim + 1).fill(0);
  let f = 0;
  z.forEach((zi, i) => {
    f += (c[i]! * (sp(zi) - y[i]! * zi)) / n;
    const r = (c[i]! * (sig(zi) - y[i]!)) / n;
    for (let j = 0; j < dim; j++) g[j]! += r * A[i]![j]!;
    g[dim]! += r;
  });
  for (let j = 0; j < dim; j++) (f += 0.5 * l2 * v[j]! ** 2), (g[j]! += l2 * v[j]!);
  return { f, g };
}

/** damped Newton's method with a dense Hessian and Gaussian elimination: the reference optimum */
function newton(A: number[][], y: number[], c: number[], l2: number): number[] {
  const n = A.length, p = A[0]!.length + 1;
  let v = new Array<number>(p).fill(0);
  for (let it = 0; it < 100; it++) {
    const { f, g } = objective(A, y, c, l2, v);
    if (Math.max(...g.map(Math.abs)) < 1e-15) break;
    const H = Array.from({ length: p }, (_, j) => Array.from({ length: p }, (_, k) => (j === k && j < p - 1 ? l2 : 0)));
    zOf(A, v).forEach((zi, i) => {
      const s = (c[i]! * sig(zi) * (1 - sig(zi))) / n, xi = [...A[i]!, 1];
      for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) H[j]![k]! += s * xi[j]! * xi[k]!;
    });
    // solve H·step = g
    const M = H.map((r, j) => [...r, g[j]!]);
    for (let col = 0; col < p; col++) {
      const piv = M.slice(col).reduce((b, r, k) => (Math.abs(r[col]!) > Math.abs(M[b]![col]!) ? col + k : b), col);
      [M[col], M[piv]] = [M[piv]!, M[col]!];
      for (let r = 0; r < p; r++) {
        if (r === col) continue;
        const q = M[r]![col]! / M[col]![col]!;
        for (let k = col; k <= p; k++) M[r]![k]! -= q * M[col]![k]!;
      }
    }
    const step = M.map((r, j) => r[p]! / r[j]!);
    let t = 1;
    while (t > 1e-10 && objective(A, y, c, l2, v.map((x, j) => x - t * step[j]!)).f > f) t /= 2;
    v = v.map((x, j) => x - t * step[j]!);
  }
  return v;
}

/** random sparse rows with labels drawn from a known linear model */
function synthetic(seed: number, n: number, dim: number, nnz: number, bias = 0, scale = 1): { rows: Rows; y: number[] } {
  const rnd = prng(seed);
  const truth = Array.from({ length: dim }, () => normal(rnd) * scale);
  const rows: Rows = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const r: [number, number][] = [];
    let z = bias;
    for (let k = 0; k < nnz; k++) {
      const j = Math.floor(rnd() * dim), x = Math.round(rnd() * 8) / 4; // multiples of 1/4: exact in float32
      r.push([j, x]);
      z += truth[j]! * x;
    }
    rows.push(r);
    y.push(rnd() < sig(z) ? 1 : 0);
  }
  return { rows, y };
}

const flat = (m: LogisticModel) => [...m.weights, m.intercept];
const maxDiff = (a: number[], b: number[]) => Math.max(...a.map((x, j) => Math.abs(x - b[j]!)));
const ones = (n: number) => new Array<number>(n).fill(1);

describe('sparse rows (Csr)', () => {
  it('sorts each row, sums duplicate indices, leaves out zero sums', () => {
    const X = csrFromRows([[[3, 1], [1, 2], [3, 0.5]], [], [[0, 1], [0, -1], [2, 0.25]]], 4);
    expect([...X.indptr]).toEqual([0, 2, 2, 3]);
    expect([...X.indices]).toEqual([1, 3, 2]);
    expect([...X.values]).toEqual([2, 1.5, 0.25]);
    expect(X).toMatchObject({ rows: 3, dim: 4 });
  });

  it('refuses an index outside the dimension and a value that is not finite', () => {
    expect(() => csrFromRows([[[4, 1]]], 4)).toThrow(/row 0: feature index 4 is outside 0..3/);
    expect(() => csrFromRows([[[1.5, 1]]], 4)).toThrow(UsageError);
    expect(() => csrFromRows([[[1, NaN]]], 4)).toThrow(/value NaN/);
    expect(() => csrFromRows([], 0)).toThrow(UsageError);
  });
});

describe('trainLogistic against independent references', () => {
  it('the gradient of a dense re-implementation is ~0 at the returned solution', () => {
    const rows: Rows = [[[0, 1], [2, 1]], [[1, 2], [1, 1]], [[0, 1], [1, 1]], [[2, 3]], [[0, 0.5], [2, -1]], [[1, 1]]];
    const y = [1, 0, 1, 0, 1, 1], l2 = 0.05;
    const m = trainLogistic(csrFromRows(rows, 3), y, { l2, tol: 1e-10 });
    expect(m.converged).toBe(true);
    const { f, g } = objective(dense(rows, 3), y, ones(6), l2, flat(m));
    expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-6);
    expect(m.loss).toBeCloseTo(f, 12);
  });

  it('one feature: matches the optimum found by nested bisection on the derivatives', () => {
    const xs = [-2, -1, -0.5, 0, 0.5, 1, 1.5, 2, 3], y = [0, 0, 1, 0, 0, 1, 1, 0, 1], l2 = 0.1, n = xs.length;
    const dB = (w: number, b: number) => xs.reduce((s, x, i) => s + (sig(w * x + b) - y[i]!) / n, 0);
    const dW = (w: number, b: number) => xs.reduce((s, x, i) => s + ((sig(w * x + b) - y[i]!) * x) / n, 0) + l2 * w;
    const bisect = (fn: (v: number) => number) => {
      let lo = -50, hi = 50; // fn increasing
      for (let k = 0; k < 200; k++) (fn((lo + hi) / 2) > 0 ? (hi = (lo + hi) / 2) : (lo = (lo + hi) / 2));
      return (lo + hi) / 2;
    };
    const bOf = (w: number) => bisect((b) => dB(w, b));
    const w = bisect((v) => dW(v, bOf(v))); // the profile's derivative, by the envelope theorem
    const m = trainLogistic(csrFromRows(xs.map((x) => [[0, x]]), 1), y, { l2, tol: 1e-12 });
    expect(Math.abs(m.weights[0]! - w)).toBeLessThan(1e-6);
    expect(Math.abs(m.intercept - bOf(w))).toBeLessThan(1e-6);
  });

  it('agrees with a dense Newton solution within 1e-9 (explicit class weights), converging to max |gradient| 1e-13', () => {
    const { rows, y } = synthetic(7, 300, 10, 4, -0.5);
    const l2 = 0.01, cw = { pos: 2, neg: 0.5 };
    const m = trainLogistic(csrFromRows(rows, 10), y, { l2, classWeight: cw, tol: 1e-13 });
    const ref = newton(dense(rows, 10), y, y.map((v) => (v ? cw.pos : cw.neg)), l2);
    expect(maxDiff(flat(m), ref)).toBeLessThan(1e-9);
    // the line search stays exact near the optimum: it does not stop at the rounding of the loss (~1e-11 here)
    expect(m.converged).toBe(true);
    expect(m.iterations).toBeLessThan(50);
  });

  it('a per-weight penalty factor p equals the unit penalty on that feature scaled by 1/sqrt(p) (checked against Newton)', () => {
    const { rows, y } = synthetic(11, 300, 6, 3, -0.3);
    const l2 = 0.05, pen = [4, 1, 0.25, 1, 4, 1];
    const m = trainLogistic(csrFromRows(rows, 6), y, { l2, penalty: pen, tol: 1e-12 });
    // the same problem in scaled features: x_j / sqrt(p_j) (halving and doubling: exact), weights u_j = sqrt(p_j) w_j
    const scaled: Rows = rows.map((r) => r.map(([j, x]) => [j, x / Math.sqrt(pen[j]!)] as [number, number]));
    const ref = newton(dense(scaled, 6), y, y.map(() => 1), l2);
    const w = [...m.weights].map((x, j) => x * Math.sqrt(pen[j]!));
    expect(maxDiff([...w, m.intercept], ref)).toBeLessThan(1e-8);
    // and a factor of 0 leaves that weight unpenalized: its gradient term is the loss's alone (0 at the optimum)
    const free = trainLogistic(csrFromRows(rows, 6), y, { l2: 1, penalty: [0, 1, 1, 1, 1, 1], tol: 1e-12 });
    expect(Math.abs(free.weights[0]!)).toBeGreaterThan(10 * Math.abs(free.weights[1]!));
    expect(() => trainLogistic(csrFromRows(rows, 6), y, { penalty: [1, 1] })).toThrow(/2 penalty factors for 6 weights/);
  });

  it('the intercept is not penalized: mean predicted probability equals the positive rate', () => {
    const { rows, y } = synthetic(3, 400, 6, 3, -2);
    const X = csrFromRows(rows, 6);
    const m = trainLogistic(X, y, { l2: 1, tol: 1e-10 }); // a heavy penalty would drag a penalized intercept too
    const meanP = predictProba(m, X).reduce((s, p) => s + p, 0) / 400;
    expect(meanP).toBeCloseTo(y.reduce((s, v) => s + v, 0) / 400, 9);
  });

  it('balanced class weights raise the intercept on rare positives and equal the explicit weights n / (2 n_c)', () => {
    const { rows, y } = synthetic(11, 500, 8, 3, -2.5);
    const n = y.length, pos = y.reduce((s, v) => s + v, 0);
    expect(pos / n).toBeLessThan(0.2);
    const X = csrFromRows(rows, 8), l2 = 0.01;
    const plain = trainLogistic(X, y, { l2, tol: 1e-10 });
    const balanced = trainLogistic(X, y, { l2, tol: 1e-10, classWeight: 'balanced' });
    const cw = { pos: n / (2 * pos), neg: n / (2 * (n - pos)) };
    const explicit = trainLogistic(X, y, { l2, tol: 1e-10, classWeight: cw });
    expect(balanced.intercept).toBeGreaterThan(plain.intercept + 0.5);
    expect(Buffer.from(balanced.weights.buffer)).toEqual(Buffer.from(explicit.weights.buffer));
    const ref = newton(dense(rows, 8), y, y.map((v) => (v ? cw.pos : cw.neg)), l2);
    expect(maxDiff(flat(balanced), ref)).toBeLessThan(1e-6);
  });

  it('is deterministic: two runs give the same bytes', () => {
    const { rows, y } = synthetic(5, 2000, 1000, 20);
    const X = csrFromRows(rows, 1000);
    const [a, b] = [0, 1].map(() => trainLogistic(X, y, { l2: 1e-3, classWeight: 'balanced' }));
    expect(Buffer.from(a!.weights.buffer)).toEqual(Buffer.from(b!.weights.buffer));
    expect(a!.intercept).toBe(b!.intercept);
    expect(a!.iterations).toBe(b!.iterations);
  });

  it('separable data with l2 > 0 converges to finite weights at the Newton optimum', () => {
    const rows: Rows = [[[0, 1]], [[0, 2], [1, 1]], [[0, 3]], [[1, 1]], [[1, 2], [0, -1]], [[1, 3]]];
    const y = [1, 1, 1, 0, 0, 0]; // feature 0 > feature 1 exactly on the positives
    const m = trainLogistic(csrFromRows(rows, 2), y, { l2: 0.01, tol: 1e-10 });
    expect(m.converged).toBe(true);
    expect(flat(m).every(Number.isFinite)).toBe(true);
    expect(maxDiff(flat(m), newton(dense(rows, 2), y, ones(6), 0.01))).toBeLessThan(1e-6);
  });

  it('converges within 200 iterations on 10,000 rows x 2^18 features, ~50 non-zeros a row', () => {
    const { rows, y } = synthetic(1, 10_000, 2 ** 18, 50, 0, 0.3);
    const m = trainLogistic(csrFromRows(rows, 2 ** 18), y, { l2: 1e-4 });
    expect(m.converged).toBe(true);
    expect(m.gradMax).toBeLessThanOrEqual(1e-6);
    expect(m.iterations).toBeLessThanOrEqual(200);
  });

  it('predictLogit is x·w + b; sigmoid is stable at the extremes', () => {
    const rows: Rows = [[[0, 2], [2, -1]], [], [[1, 0.5]]];
    const logits = predictLogit({ weights: Float64Array.of(0.5, -4, 3), intercept: 0.25 }, csrFromRows(rows, 3));
    expect([...logits]).toEqual([0.25 + 1 - 3, 0.25, 0.25 - 2]);
    expect([sigmoid(-1000), sigmoid(0), sigmoid(1000)]).toEqual([0, 0.5, 1]);
    expect(sigmoid(-30)).toBeCloseTo(Math.exp(-30) / (1 + Math.exp(-30)), 25);
    expect(sigmoid(-3) + sigmoid(3)).toBeCloseTo(1, 15);
  });

  it('refuses labels that are not 0/1, a single class and bad options, naming the option', () => {
    const X = csrFromRows([[[0, 1]], [[0, 2]]], 1);
    expect(() => trainLogistic(X, [1, 2])).toThrow(/label 1 is 2/);
    expect(() => trainLogistic(X, [1, 1])).toThrow(/both positive and negative/);
    expect(() => trainLogistic(X, [1])).toThrow(/1 labels for 2 rows/);
    for (const [opts, option] of [[{ l2: -1 }, 'l2'], [{ tol: 0 }, 'tol'], [{ maxIter: 1.5 }, 'maxIter'], [{ classWeight: { pos: 0, neg: 1 } }, 'classWeight']] as const) {
      expect(() => trainLogistic(X, [0, 1], opts)).toThrow(expect.objectContaining({ option }));
    }
  });
});

describe('calibration', () => {
  it('Platt scaling: two logit values fit exactly the smoothed targets (n+ + 1)/(n+ + 2) and 1/(n- + 2)', () => {
    // positives all at logit +1, negatives all at -1: separable, yet the smoothed targets keep a and b finite
    const logits = [1, 1, 1, -1, -1, -1, -1, -1], labels = [1, 1, 1, 0, 0, 0, 0, 0];
    const p = fitPlatt(logits, labels);
    const logit = (q: number) => Math.log(q / (1 - q));
    const hi = logit(4 / 5), lo = logit(1 / 7); // n+ = 3, n- = 5
    expect(p.converged).toBe(true);
    expect(p.a).toBeCloseTo((hi - lo) / 2, 7);
    expect(p.b).toBeCloseTo((hi + lo) / 2, 7);
    expect(applyPlatt(p, 1)).toBeCloseTo(4 / 5, 7);
  });

  it('Platt scaling repairs a shifted and scaled logit on held-out data', () => {
    // raw probability sigmoid(s); the truth is sigmoid(0.5 s − 0.7)
    const rnd = prng(42), n = 40_000;
    const s = Array.from({ length: n }, () => 2 * normal(rnd));
    const labels = s.map((v) => (rnd() < sig(0.5 * v - 0.7) ? 1 : 0));
    const fit = fitPlatt(s.slice(0, n / 2), labels.slice(0, n / 2));
    expect(Math.abs(fit.a - 0.5)).toBeLessThan(0.05);
    expect(Math.abs(fit.b + 0.7)).toBeLessThan(0.05);
    const test = s.slice(n / 2), testLabels = labels.slice(n / 2);
    const worst = (probs: number[]) => {
      const r = reliability(probs, testLabels, 10);
      return { ece: r.ece, max: Math.max(...r.bins.filter((b) => b.count >= 100).map((b) => Math.abs(b.meanPredicted! - b.observedRate!))) };
    };
    const before = worst(test.map(sigmoid)), after = worst(test.map((v) => applyPlatt(fit, v)));
    expect(before.max).toBeGreaterThan(0.05);
    expect(after.max).toBeLessThanOrEqual(0.05);
    expect(after.ece).toBeLessThan(before.ece / 5);
  });

  it('reliability table and ECE on hand-computed values', () => {
    const r = reliability([0.1, 0.2, 0.3, 0.8, 1], [0, 1, 0, 1, 0], 2);
    expect(r.bins.map((b) => b.count)).toEqual([3, 2]);
    expect(r.bins[0]!.meanPredicted).toBeCloseTo(0.2, 12);
    expect(r.bins[0]!.observedRate).toBeCloseTo(1 / 3, 12);
    expect(r.bins[1]!.meanPredicted).toBeCloseTo(0.9, 12); // 1 falls in the last bin
    expect(r.bins[1]!.observedRate).toBeCloseTo(0.5, 12);
    expect(r.ece).toBeCloseTo((3 / 5) * (1 / 3 - 0.2) + (2 / 5) * (0.9 - 0.5), 12); // bins weighed by their counts
    expect(reliability([0.05], [1], 4).bins[3]).toMatchObject({ count: 0, meanPredicted: null, observedRate: null });
  });
});

