import { EngineError } from "../errors/engine-error";

/**
 * Minimum-cost perfect assignment on a square cost matrix (Hungarian method with potentials,
 * O(n^3)) — what Snorkel gets from `munkres`. Returns `assignment[row] = column`.
 *
 * @example
 * snorkelHungarian([[4, 1], [2, 3]]); // Int32Array [1, 0]: total cost 1 + 2
 */
export function snorkelHungarian(cost: readonly (readonly number[])[]): Int32Array {
  const n = cost.length;
  cost.forEach((row, i) => {
    if (row.length !== n) throw new EngineError("INVALID_ARGUMENT", `snorkelHungarian: row ${i} has ${row.length} entries, expected ${n}`);
  });
  // 1-based arrays as in the classic formulation; column 0 is a virtual start.
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const matchOfCol = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    matchOfCol[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = matchOfCol[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost[i0 - 1]![j - 1]! - u[i0]! - v[j]!;
        if (cur < minv[j]!) [minv[j], way[j]] = [cur, j0];
        if (minv[j]! < delta) [delta, j1] = [minv[j]!, j];
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[matchOfCol[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (matchOfCol[j0] !== 0);
    do {
      const j1 = way[j0]!;
      matchOfCol[j0] = matchOfCol[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const assignment = new Int32Array(n);
  for (let j = 1; j <= n; j++) assignment[matchOfCol[j]! - 1] = j - 1;
  return assignment;
}
