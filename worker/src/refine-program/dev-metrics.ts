import { ABSTAIN, type LabelMatrix } from "@alchemist/engine";
import type { RefineSideMetrics } from "@alchemist/jobs";

/**
 * One column's figures on the dev rows of `L` against the columns in `others`: coverage,
 * accuracy where it votes on gold rows, overlaps and conflicts with the others (a conflict: it
 * votes and another program votes a different class on the same row).
 *
 * @example
 * const before = sideMetrics(L, 0, [2, 3, 4], gold, { version: 1, faults: meta[0].faults });
 */
export function sideMetrics(L: LabelMatrix, column: number, others: readonly number[], gold: ArrayLike<number>, o: { version: number; faults: number }): RefineSideMetrics {
  if (column < 0 || column >= L.m) throw new Error(`column ${column} is outside 0..${L.m - 1}`);
  if (gold.length !== L.n) throw new Error(`gold has ${gold.length} labels for ${L.n} rows`);
  let votes = 0, graded = 0, correct = 0, overlaps = 0, conflicts = 0;
  for (let i = 0; i < L.n; i++) {
    const v = L.values[i * L.m + column]!;
    if (v === ABSTAIN) continue;
    votes += 1;
    const g = gold[i]!;
    if (g >= 0) {
      graded += 1;
      if (g === v) correct += 1;
    }
    let overlap = false, conflict = false;
    for (const j of others) {
      const w = L.values[i * L.m + j]!;
      if (w === ABSTAIN) continue;
      overlap = true;
      if (w !== v) conflict = true;
    }
    if (overlap) overlaps += 1;
    if (conflict) conflicts += 1;
  }
  const n = Math.max(1, L.n);
  return { version: o.version, coverage: votes / n, accuracy: graded === 0 ? null : correct / graded, overlaps: overlaps / n, conflicts: conflicts / n, faults: o.faults, votes };
}

/**
 * Rows where two columns of `L` vote differently.
 *
 * @example
 * changedVotes(L, 0, 1); // 12
 */
export function changedVotes(L: LabelMatrix, a: number, b: number): number {
  let changed = 0;
  for (let i = 0; i < L.n; i++) if (L.values[i * L.m + a] !== L.values[i * L.m + b]) changed += 1;
  return changed;
}
