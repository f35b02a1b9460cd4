import { ABSTAIN, createLabelMatrix, type LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";
import { createRng } from "../random/create-rng";

export interface GenerateLabelMatrixOptions {
  readonly n: number;
  readonly m: number;
  readonly k: number;
  readonly seed: number;
  /** Class shares of the true labels; uniform by default, as Snorkel. */
  readonly classBalance?: ArrayLike<number>;
}

export interface GeneratedLabelMatrix {
  readonly L: LabelMatrix;
  readonly Y: Int32Array;
  /** m x (k + 1) x k: `[(j * (k + 1) + (v + 1)) * k + y]` = P(program j votes v | Y = y), v = -1 is abstain. */
  readonly conditionals: Float64Array;
}

/**
 * A seeded synthetic label matrix like Snorkel's `generate_simple_label_matrix`: each program gets a
 * random conditional table P(vote | Y) over {abstain, 0..k-1}, biased toward the true class by
 * adding k - 1 to its diagonal before normalising each column; true labels are drawn from the class
 * balance, then each vote from its program's column for that label.
 *
 * @example
 * const { L, Y } = generateLabelMatrix({ n: 1000, m: 10, k: 2, seed: 1 });
 */
export function generateLabelMatrix(options: GenerateLabelMatrixOptions): GeneratedLabelMatrix {
  const { n, m, k, seed } = options;
  if (!Number.isInteger(m) || m < 1) throw new EngineError("INVALID_ARGUMENT", `generateLabelMatrix: m must be a positive integer, got ${m}`);
  const L = createLabelMatrix(n, m, k);
  const balance = Float64Array.from(options.classBalance ?? new Array<number>(k).fill(1 / k));
  if (balance.length !== k || balance.some((x) => !(x >= 0)) || !(balance.reduce((s, x) => s + x, 0) > 0)) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `generateLabelMatrix: class balance [${Array.from(balance).join(", ")}] must have k = ${k} non-negative entries with a positive sum`,
    );
  }
  const rng = createRng(seed);
  const rows = k + 1;
  const conditionals = new Float64Array(m * rows * k);
  for (let j = 0; j < m; j++) {
    const base = j * rows * k;
    for (let r = 0; r < rows; r++) for (let y = 0; y < k; y++) conditionals[base + r * k + y] = rng() + (r === y + 1 ? k - 1 : 0);
    for (let y = 0; y < k; y++) {
      let s = 0;
      for (let r = 0; r < rows; r++) s += conditionals[base + r * k + y]!;
      for (let r = 0; r < rows; r++) conditionals[base + r * k + y]! /= s;
    }
  }
  // Cumulative tables, laid out [j][y][r], so one uniform draw picks a vote.
  const cumulative = new Float64Array(m * k * rows);
  for (let j = 0; j < m; j++) {
    for (let y = 0; y < k; y++) {
      let s = 0;
      for (let r = 0; r < rows; r++) cumulative[(j * k + y) * rows + r] = s += conditionals[(j * rows + r) * k + y]!;
      cumulative[(j * k + y) * rows + rows - 1] = 1;
    }
  }
  const total = balance.reduce((s, x) => s + x, 0);
  const classCumulative = new Float64Array(k);
  balance.reduce((s, x, c) => (classCumulative[c] = s + x / total), 0);
  classCumulative[k - 1] = 1;
  const Y = new Int32Array(n);
  const values = L.values;
  for (let i = 0; i < n; i++) {
    const u = rng();
    let y = 0;
    while (u >= classCumulative[y]!) y++;
    Y[i] = y;
    for (let j = 0, t = (j * k + y) * rows; j < m; j++, t += k * rows) {
      const w = rng();
      let r = 0;
      while (w >= cumulative[t + r]!) r++;
      values[i * m + j] = r === 0 ? ABSTAIN : r - 1;
    }
  }
  return { L, Y, conditionals };
}
