import { EngineError } from "../errors/engine-error";

/**
 * Least squares with an L2 penalty and an unpenalised intercept: the `d x t` weights `W` and
 * `t` biases minimising `|X W + b - Y|^2 + lambda |W|^2`, solved in float64 through the normal
 * equations (Cholesky). `X` is `n x d`, `Y` is `n x t`, both row-major.
 *
 * @example
 * const { weights, biases } = ridgeRegression(X, 100, 48, Y, 8, 1e-2);
 */
export function ridgeRegression(
  X: ArrayLike<number>,
  n: number,
  d: number,
  Y: ArrayLike<number>,
  t: number,
  lambda: number,
): { weights: Float64Array; biases: Float64Array } {
  if (X.length !== n * d || Y.length !== n * t)
    throw new EngineError("INVALID_ARGUMENT", `ridgeRegression: X must be ${n} x ${d} and Y ${n} x ${t}, got ${X.length} and ${Y.length} values`);
  if (!(lambda > 0)) throw new EngineError("INVALID_ARGUMENT", `ridgeRegression: lambda must be > 0, got ${lambda}`);
  const p = d + 1; // last column: the intercept
  const A = new Float64Array(p * p);
  const B = new Float64Array(p * t);
  const row = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < d; a++) row[a] = X[i * d + a]!;
    row[d] = 1;
    for (let a = 0; a < p; a++) {
      const ra = row[a]!;
      if (ra === 0) continue;
      for (let b = a; b < p; b++) A[a * p + b]! += ra * row[b]!;
      for (let c = 0; c < t; c++) B[a * t + c]! += ra * Y[i * t + c]!;
    }
  }
  for (let a = 0; a < p; a++) {
    for (let b = 0; b < a; b++) A[a * p + b] = A[b * p + a]!;
    if (a < d) A[a * p + a]! += lambda;
  }
  // Cholesky A = L L^T in place (lower triangle).
  for (let j = 0; j < p; j++) {
    let sum = A[j * p + j]!;
    for (let k = 0; k < j; k++) sum -= A[j * p + k]! ** 2;
    if (!(sum > 0)) throw new EngineError("INVALID_ARGUMENT", `ridgeRegression: the system is not positive definite at column ${j}`);
    const diag = Math.sqrt(sum);
    A[j * p + j] = diag;
    for (let i = j + 1; i < p; i++) {
      let s = A[i * p + j]!;
      for (let k = 0; k < j; k++) s -= A[i * p + k]! * A[j * p + k]!;
      A[i * p + j] = s / diag;
    }
  }
  const solution = new Float64Array(p * t);
  for (let c = 0; c < t; c++) {
    const z = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      let s = B[i * t + c]!;
      for (let k = 0; k < i; k++) s -= A[i * p + k]! * z[k]!;
      z[i] = s / A[i * p + i]!;
    }
    for (let i = p - 1; i >= 0; i--) {
      let s = z[i]!;
      for (let k = i + 1; k < p; k++) s -= A[k * p + i]! * solution[k * t + c]!;
      solution[i * t + c] = s / A[i * p + i]!;
    }
  }
  return { weights: solution.slice(0, d * t), biases: solution.slice(d * t) };
}
