import { snorkelHungarian } from "./snorkel-hungarian";

/**
 * Snorkel's `_break_col_permutation_symmetry`: permuting the columns of mu among classes with the
 * same prior (p rounded to 3 decimals) leaves the objective unchanged, so pick the permutation
 * that trusts the programs most — maximal sum over programs of P(program votes y, Y = y).
 * Returns a new d x k mu.
 *
 * @example
 * const fixed = snorkelPermutation(mu, p, m, k);
 */
export function snorkelPermutation(mu: Float64Array, p: Float64Array, m: number, k: number): Float64Array {
  // probsSum[v][y] = sum_j mu[j*k + v, y] * p_y
  const probsSum = Array.from({ length: k }, () => new Float64Array(k));
  for (let j = 0; j < m; j++) {
    for (let v = 0; v < k; v++) for (let y = 0; y < k; y++) probsSum[v]![y]! += mu[(j * k + v) * k + y]! * p[y]!;
  }
  const groups = new Map<number, number[]>();
  for (let c = 0; c < k; c++) {
    const key = Math.round(p[c]! * 1000) / 1000;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  // target[col] = the old column that moves to col (Snorkel's mu @ Z with Z[g_r, g_c] = 1).
  const source = Int32Array.from({ length: k }, (_, c) => c);
  for (const group of groups.values()) {
    if (group.length === 1) continue;
    // Snorkel minimises -probs_proj^T: cost[r][c] = -probsSum[g_c][g_r].
    const cost = group.map((gr) => group.map((gc) => -probsSum[gc]![gr]!));
    const assignment = snorkelHungarian(cost);
    assignment.forEach((c, r) => {
      source[group[c]!] = group[r]!;
    });
  }
  const out = new Float64Array(mu.length);
  for (let a = 0; a < m * k; a++) for (let c = 0; c < k; c++) out[a * k + c] = mu[a * k + source[c]!]!;
  return out;
}
