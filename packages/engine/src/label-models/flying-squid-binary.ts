import type { LabelMatrix } from "../core/label-matrix";

/** A fitted binary FlyingSquid model: per program the joint table mu[(vote + 1) * 2 + y], y in {0: -1, 1: +1}. */
export interface FlyingSquidBinary {
  readonly mu: Float64Array;
  /** Normalised class balance [P(Y = -1), P(Y = +1)]. */
  readonly balance: readonly [number, number];
  readonly m: number;
}

/** Maps a vote to FlyingSquid's {-1, 0, +1}: +1 for `positive`, 0 for abstain, -1 otherwise. */
export type SignFn = (vote: number) => number;

/**
 * Fits one binary FlyingSquid model (no dependencies between programs) on signed votes in closed
 * form ("triplet_mean", FlyingSquid's default, fully independent case): second moments
 * M_ab = E[l_a l_b]; accuracy |E[l_t Y]| = mean over pairs i > j (both != t) of the non-zero
 * sqrt(|M_ti M_tj / M_ij|) (0 when M_ij = 0); P(l Y = 1) = (1 + E[l Y] - P(l = 0)) / 2; then each program's joint table P(l, Y)
 * from the 6 x 6 linear system with negative entries flipped and renormalised, as FlyingSquid does.
 *
 * @example
 * const model = fitFlyingSquidBinary(L, (v) => (v === 1 ? 1 : v === -1 ? 0 : -1), [0.5, 0.5]);
 */
export function fitFlyingSquidBinary(L: LabelMatrix, sign: SignFn, balance: readonly [number, number]): FlyingSquidBinary {
  const { n, m } = L;
  const S = new Int8Array(n * m);
  for (let x = 0; x < S.length; x++) S[x] = sign(L.values[x]!);
  const moment = (a: number, b: number): number => {
    let s = 0;
    for (let i = 0; i < n; i++) s += S[i * m + a]! * S[i * m + b]!;
    return s / n;
  };
  const M = new Float64Array(m * m);
  for (let a = 0; a < m; a++) for (let b = a; b < m; b++) M[a * m + b] = M[b * m + a] = moment(a, b);
  const accuracy = new Float64Array(m);
  for (let t = 0; t < m; t++) {
    let [sum, count] = [0, 0];
    for (let i = 0; i < m; i++) {
      if (i === t) continue;
      for (let j = 0; j < i; j++) {
        if (j === t) continue;
        const mij = M[i * m + j]!;
        const value = Math.sqrt(Math.abs(mij !== 0 ? (M[t * m + i]! * M[t * m + j]!) / mij : 0));
        if (value !== 0) [sum, count] = [sum + value, count + 1];
      }
    }
    // FlyingSquid takes np.mean([]) = NaN here, which poisons every row; a program that never
    // co-fires with a pair of others carries no accuracy signal, so it gets E[l Y] = 0 instead.
    accuracy[t] = count === 0 ? 0 : sum / count;
  }
  const total = balance[0] + balance[1];
  const cb: [number, number] = [balance[0] / total, balance[1] / total];
  const p = cb[1];
  const mu = new Float64Array(m * 6);
  for (let j = 0; j < m; j++) {
    let pos = 0;
    let zero = 0;
    for (let i = 0; i < n; i++) {
      const s = S[i * m + j]!;
      if (s === 1) pos++;
      else if (s === 0) zero++;
    }
    const [a, z] = [pos / n, zero / n];
    const q = 0.5 * (1 + accuracy[j]! - z);
    const x1 = (a + q - 1 + z + p - p * z) / 2;
    // P(l, Y) for l = -1, 0, +1 (rows) and Y = -1, +1 (columns), from B e = r.
    const table = [q - x1, p - p * z - x1, z - p * z, p * z, a - x1, x1].map(Math.abs);
    const sum = table.reduce((s, t) => s + t, 0);
    table.forEach((t, c) => (mu[j * 6 + c] = t / sum));
  }
  return { mu, balance: cb, m };
}

/**
 * P(Y = +1 | votes) per row: prod_j mu_j(l_j, y) / P(y)^(m - 2) normalised over y — FlyingSquid's
 * junction-tree formula with its separator exponent (edges - 1). NaN where both terms vanish.
 *
 * @example
 * const p1 = predictFlyingSquidBinary(model, L, sign);
 */
export function predictFlyingSquidBinary(model: FlyingSquidBinary, L: LabelMatrix, sign: SignFn): Float64Array {
  const { mu, balance, m } = model;
  const exponent = Math.max(0, m - 2);
  const [den0, den1] = [balance[0] ** exponent, balance[1] ** exponent];
  const out = new Float64Array(L.n);
  for (let i = 0; i < L.n; i++) {
    let [y0, y1] = [1, 1];
    for (let j = 0; j < m; j++) {
      const row = j * 6 + (sign(L.values[i * m + j]!) + 1) * 2;
      y0 *= mu[row]!;
      y1 *= mu[row + 1]!;
    }
    const [a, b] = [y0 / den0, y1 / den1];
    out[i] = b / (a + b);
  }
  return out;
}
