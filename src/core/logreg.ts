/**
 * Sparse binary logistic regression: the learner under `wildsift train`. Pure
 * and deterministic (no randomness, one fixed order of floating-point
 * operations: the same input gives the same bytes of output).
 *
 * It minimizes (1/n) Σ c_i·[log(1 + e^z_i) − y_i·z_i] + (l2/2)·||w||², with
 * z_i = x_i·w + b (the intercept b is not penalized) and c_i the weight of
 * row i's class; that is scikit-learn's LogisticRegression with C = 1/(n·l2)
 * and the same class weights.
 *
 * Optimizer: L-BFGS over the full batch, started at w = 0 and b = the log-odds
 * of the targets. The problem is smooth and strongly convex (l2 > 0): L-BFGS
 * needs no step size tuned, no randomness (so no seed), and converges in few
 * passes. Measured with bench/logreg.mjs (Node 20, 2-core EPYC; 10,000 rows,
 * 2^18 buckets, 50 non-zeros a row, l2 = 1e-4, tol = 1e-6): m = 10 pairs take
 * 24 iterations, 0.5 to 0.8 s; m = 5 also 24, m = 20 18 iterations; steepest
 * descent with the same line search (m = 0) had not converged after 2,000
 * iterations (27 s, max |gradient| 1e-4). 100,000 rows x 300 non-zeros over
 * 2^20, l2 = 1e-5: 32 iterations, 35 to 42 s (a shared machine), 0.5 GB
 * resident; m = 5 needed 61 iterations there (51 s).
 * An iteration costs two passes over the non-zeros (X·d, Xᵀ·r) and 4·m vector
 * operations over the dimension. At 2^20 buckets the passes are memory-bound
 * (random access into 8 MB of weights): a column-major copy of X would make
 * them 3.5x faster (measured: 516 against 148 ms a pass pair on 30M
 * non-zeros) at the price of a second copy of X; not done.
 * Line search: backtracking to the Armijo condition on z + a·(X·d), so a trial
 * step costs O(rows), not O(non-zeros). It took fewer iterations than a weak
 * Wolfe bisection (25 against 35 to reach max |gradient| 1e-8 on 10,000 rows
 * over 2^18); convexity keeps the L-BFGS curvature yᵀs positive without the
 * Wolfe condition (pairs that are not are dropped). The loss change along the
 * line is summed from log1p(expm1(δ)·σ(z)) terms: with the plain difference of
 * the losses the Armijo test stalled at max |gradient| 2e-12 to 3e-11; with
 * it, 1e-15 is reached.
 */
import { UsageError } from './errors.js';

/** Compressed sparse rows: row i's entries are indices/values[indptr[i] .. indptr[i+1]), indices ascending. */
export interface Csr {
  readonly rows: number;
  readonly dim: number;
  readonly indptr: Uint32Array;
  readonly indices: Uint32Array;
  /** float32 by default (csrFromRows): 100,000 rows of 300 non-zeros are 120 MB instead of 240 MB */
  readonly values: Float32Array | Float64Array;
}

/** Rows of [index, value] pairs to a Csr: duplicate indices within a row are summed (in float64), zero sums left out. */
export function csrFromRows(rows: ReadonlyArray<ReadonlyArray<readonly [number, number]>>, dim: number): Csr {
  if (!Number.isInteger(dim) || dim < 1 || dim > 2 ** 32) throw new UsageError(`the dimension must be a whole number from 1 to 2^32, got ${dim}`, { option: 'dim' });
  let cap = 0;
  for (const row of rows) cap += row.length;
  const indptr = new Uint32Array(rows.length + 1);
  const indices = new Uint32Array(cap);
  const values = new Float32Array(cap);
  let nnz = 0;
  rows.forEach((row, i) => {
    const sorted = [...row].sort((p, q) => p[0] - q[0]); // stable: duplicates add up in input order
    for (let k = 0; k < sorted.length; ) {
      const j = sorted[k]![0];
      if (!Number.isInteger(j) || j < 0 || j >= dim) throw new UsageError(`row ${i}: feature index ${j} is outside 0..${dim - 1}`);
      let v = 0;
      for (; k < sorted.length && sorted[k]![0] === j; k++) v += sorted[k]![1];
      if (!Number.isFinite(v)) throw new UsageError(`row ${i}: feature ${j} has the value ${v}`);
      if (v !== 0) (indices[nnz] = j), (values[nnz++] = v);
    }
    indptr[i + 1] = nnz;
  });
  return { rows: rows.length, dim, indptr, indices: indices.slice(0, nnz), values: values.slice(0, nnz) };
}

/** 1 / (1 + e^−z) without overflow for any z. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(1 + e^z) without overflow. */
const softplus = (z: number): number => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
/** softplus(z + δ) − softplus(z), without the cancellation of the plain difference when δ is small. */
const softplusStep = (z: number, d: number): number => (Math.abs(d) < 1 ? Math.log1p(Math.expm1(d) * sigmoid(z)) : softplus(z + d) - softplus(z));

export interface LogisticModel {
  readonly weights: Float64Array;
  readonly intercept: number;
  readonly iterations: number;
  /** the objective at the solution (mean weighted log-loss plus the penalty) */
  readonly loss: number;
  /** max |gradient| at the solution */
  readonly gradMax: number;
  /** gradMax reached tol */
  readonly converged: boolean;
}

export interface FitOptions {
  /** L2 penalty on the weights; default 1e-4 (scikit-learn's C = 1 at 10,000 rows) */
  l2?: number;
  /** default 500 */
  maxIter?: number;
  /** stop when max |gradient| ≤ tol; default 1e-6 */
  tol?: number;
  /** L-BFGS pairs kept; default 10 (memory: (2m + 3) × 8 bytes × dim) */
  memory?: number;
  /** a factor on l2 for each weight (default 1 for all): 0.01 on the prior feature lets it carry the lexicons' knowledge almost unpenalized */
  penalty?: ArrayLike<number>;
}

export interface LogisticOptions extends FitOptions {
  /** 'balanced': class c weighs n / (2 · n_c); default 1 and 1 */
  classWeight?: 'balanced' | { pos: number; neg: number };
}

function checkOption(name: keyof LogisticOptions, v: number, ok: boolean): number {
  if (!Number.isFinite(v) || !ok) throw new UsageError(`${name} cannot be ${v}`, { option: name });
  return v;
}

/** Binary labels (0 or 1) to weights and targets; see the header for what is minimized. */
export function trainLogistic(X: Csr, y: ArrayLike<number>, opts: LogisticOptions = {}): LogisticModel {
  if (y.length !== X.rows) throw new UsageError(`${y.length} labels for ${X.rows} rows`);
  let pos = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new UsageError(`label ${i} is ${y[i]}, not 0 or 1`);
    pos += y[i]!;
  }
  const n = X.rows;
  if (pos === 0 || pos === n) throw new UsageError('training needs both positive and negative labels');
  const cw = opts.classWeight ?? { pos: 1, neg: 1 };
  const [wPos, wNeg] = cw === 'balanced' ? [n / (2 * pos), n / (2 * (n - pos))] : [cw.pos, cw.neg];
  checkOption('classWeight', Math.min(wPos, wNeg), wPos > 0 && wNeg > 0);
  const c = new Float64Array(n);
  for (let i = 0; i < n; i++) c[i] = y[i] ? wPos : wNeg;
  return fitLogLoss(X, y, c, opts);
}

// The hot loops are small functions of their own: V8 optimizes them as such, while
// the same loops inlined in fitLogLoss (run once, optimized on stack replacement)
// ran 5 to 10 times slower (measured: X·v on 500,000 non-zeros, 10 ms against 1.2 ms).

/** out_i = b + Σ_j X_ij·v_j */
function mulX(X: Csr, v: Float64Array, b: number, out: Float64Array): void {
  const { indptr, indices, values } = X;
  for (let i = 0; i < X.rows; i++) {
    let s = b;
    for (let k = indptr[i]!, e = indptr[i + 1]!; k < e; k++) s += v[indices[k]!]! * values[k]!;
    out[i] = s;
  }
}

/** out_j += Σ_i X_ij·r_i */
function addXt(X: Csr, r: Float64Array, out: Float64Array): void {
  const { indptr, indices, values } = X;
  for (let i = 0; i < X.rows; i++) {
    const ri = r[i]!;
    for (let k = indptr[i]!, e = indptr[i + 1]!; k < e; k++) out[indices[k]!]! += ri * values[k]!;
  }
}

function dot(a: Float64Array, b: Float64Array, len = a.length): number {
  let s = 0;
  for (let j = 0; j < len; j++) s += a[j]! * b[j]!;
  return s;
}

/** out += a·v */
function axpy(a: number, v: Float64Array, out: Float64Array): void {
  for (let j = 0; j < out.length; j++) out[j]! += a * v[j]!;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let j = 0; j < v.length; j++) m = Math.max(m, Math.abs(v[j]!));
  return m;
}

/** the weighted loss at z; fills r with cn·(σ(z) − t) */
function lossAt(z: Float64Array, t: ArrayLike<number>, cn: Float64Array, r: Float64Array): number {
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    const zi = z[i]!;
    loss += cn[i]! * (softplus(zi) - t[i]! * zi);
    r[i] = cn[i]! * (sigmoid(zi) - t[i]!);
  }
  return loss;
}

/** the weighted loss at z + a·u minus the loss at z */
function lossStep(z: Float64Array, u: Float64Array, a: number, t: ArrayLike<number>, cn: Float64Array): number {
  let df = 0;
  for (let i = 0; i < z.length; i++) df += cn[i]! * (softplusStep(z[i]!, a * u[i]!) - t[i]! * a * u[i]!);
  return df;
}

/** d = −H·g, H the L-BFGS inverse Hessian of the pairs kept (S, Y, rho = 1 / yᵀs), by the two-loop recursion */
function direction(g: Float64Array, S: Float64Array[], Y: Float64Array[], rho: Float64Array, pairs: number, d: Float64Array): void {
  const m = S.length, stored = Math.min(pairs, m), alpha = new Float64Array(m);
  d.set(g);
  for (let k = 0; k < stored; k++) {
    const j = (pairs - 1 - k) % m; // newest first
    alpha[j] = rho[j]! * dot(S[j]!, d);
    axpy(-alpha[j]!, Y[j]!, d);
  }
  const newest = (pairs - 1) % m;
  const gamma = stored > 0 ? 1 / (rho[newest]! * dot(Y[newest]!, Y[newest]!)) : Math.min(1, 1 / Math.sqrt(dot(g, g)));
  for (let j = 0; j < d.length; j++) d[j] = -gamma * d[j]!;
  for (let k = stored - 1; k >= 0; k--) {
    const j = (pairs - 1 - k) % m;
    axpy(-alpha[j]! - rho[j]! * dot(Y[j]!, d), S[j]!, d); // d is −r here, hence the signs
  }
}

/** Minimizes (1/n) Σ c_i·[softplus(z_i) − t_i·z_i] + (l2/2)·||w||² for targets t_i in [0, 1] (Platt scaling uses soft targets). */
export function fitLogLoss(X: Csr, t: ArrayLike<number>, c: ArrayLike<number>, opts: FitOptions = {}): LogisticModel {
  const l2 = checkOption('l2', opts.l2 ?? 1e-4, (opts.l2 ?? 0) >= 0);
  const maxIter = checkOption('maxIter', opts.maxIter ?? 500, Number.isInteger(opts.maxIter ?? 0) && (opts.maxIter ?? 0) >= 0);
  const tol = checkOption('tol', opts.tol ?? 1e-6, (opts.tol ?? 1) > 0);
  const m = checkOption('memory', opts.memory ?? 10, Number.isInteger(opts.memory ?? 0) && (opts.memory ?? 0) >= 0);
  const { rows: n, dim } = X;
  if (opts.penalty !== undefined && opts.penalty.length !== dim) throw new UsageError(`${opts.penalty.length} penalty factors for ${dim} weights`, { option: 'penalty' });
  const pen = Float64Array.from({ length: dim }, (_, j) => checkOption('penalty', opts.penalty?.[j] ?? 1, (opts.penalty?.[j] ?? 1) >= 0));
  /** Σ pen_j·a_j·b_j over the weights */
  const pdot = (a: Float64Array, b: Float64Array): number => { let s = 0; for (let j = 0; j < dim; j++) s += pen[j]! * a[j]! * b[j]!; return s; };
  const p = dim + 1; // the weights, then the intercept
  const x = new Float64Array(p), g = new Float64Array(p), d = new Float64Array(p);
  const z = new Float64Array(n), u = new Float64Array(n), r = new Float64Array(n), cn = Float64Array.from(c, (ci) => ci / n);
  const S = Array.from({ length: m }, () => new Float64Array(p)), Y = Array.from({ length: m }, () => new Float64Array(p));
  const rho = new Float64Array(m);
  // start at w = 0 and b = the weighted log-odds of the targets
  let sc = 0, st = 0;
  for (let i = 0; i < n; i++) (sc += cn[i]!), (st += cn[i]! * t[i]!);
  x[dim] = st > 0 && st < sc ? Math.log(st / (sc - st)) : 0;
  z.fill(x[dim]!);
  /** fills g at x (z = Xw + b); returns the objective */
  const gradient = (): number => {
    const loss = lossAt(z, t, cn, r);
    g.fill(0);
    addXt(X, r, g);
    let gb = 0;
    for (let i = 0; i < n; i++) gb += r[i]!;
    for (let j = 0; j < dim; j++) g[j]! += l2 * pen[j]! * x[j]!;
    g[dim] = gb;
    return loss + 0.5 * l2 * pdot(x, x);
  };
  let f = gradient(), gmax = maxAbs(g), it = 0, pairs = 0;
  while (gmax > tol && it < maxIter) {
    direction(g, S, Y, rho, pairs, d);
    mulX(X, d, d[dim]!, u); // z moves by a·u along the line
    const wd = pdot(x, d), dd = pdot(d, d), slope0 = dot(g, d);
    // backtracking to the Armijo condition (c1 = 1e-4), each next trial at the minimum of the quadratic through φ(0), φ'(0), φ(a)
    let a = 1, found = false;
    for (let trial = 0; trial < 60 && slope0 < 0; trial++) {
      const df = l2 * a * (wd + 0.5 * a * dd) + lossStep(z, u, a, t, cn);
      if ((found = df <= 1e-4 * a * slope0)) break;
      const q = (-slope0 * a) / (2 * (df - slope0 * a)); // NaN (an overflow) falls to 0.1
      a *= q > 0.1 ? Math.min(q, 0.5) : 0.1;
    }
    if (!found) break; // no step decreases the objective any more: the rounding floor
    axpy(a, d, x);
    axpy(a, u, z);
    const sj = S[pairs % m], yj = Y[pairs % m];
    if (sj && yj) for (let k = 0; k < p; k++) (sj[k] = a * d[k]!), (yj[k] = -g[k]!);
    f = gradient();
    gmax = maxAbs(g);
    if (sj && yj) {
      axpy(1, g, yj);
      const ys = dot(yj, sj); // > 0 on a strictly convex objective; a pair that is not is dropped
      if (ys > 1e-10 * Math.sqrt(dot(yj, yj) * dot(sj, sj))) (rho[pairs % m] = 1 / ys), pairs++;
    }
    it++;
  }
  return { weights: x.slice(0, dim), intercept: x[dim]!, iterations: it, loss: f, gradMax: gmax, converged: gmax <= tol };
}

/** x_i·w + b for each row. */
export function predictLogit(model: Pick<LogisticModel, 'weights' | 'intercept'>, X: Csr): Float64Array {
  if (X.dim > model.weights.length) throw new UsageError(`rows of ${X.dim} features for a model of ${model.weights.length}`);
  const out = new Float64Array(X.rows);
  mulX(X, model.weights, model.intercept, out);
  return out;
}

/** The model's probability of the positive class for each row. */
export function predictProba(model: Pick<LogisticModel, 'weights' | 'intercept'>, X: Csr): Float64Array {
  return predictLogit(model, X).map(sigmoid);
}
