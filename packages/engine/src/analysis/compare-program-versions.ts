import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";

/** One version's figures on a set of rows, against the other programs' columns. */
export interface VersionMetrics {
  readonly version: number;
  /** Share of rows it votes on. */
  readonly coverage: number;
  /** Accuracy on the rows with gold it votes on; null when it votes on none. */
  readonly accuracy: number | null;
  /** Share of rows where it votes together with another program. */
  readonly overlaps: number;
  /** Share of rows where it votes and another program votes a different class. */
  readonly conflicts: number;
  readonly faults: number;
  readonly votes: number;
}

/**
 * Before/after figures of two versions of a program (columns `before` and `after` of L, applied on
 * the same rows with the other programs): each version's coverage, accuracy on gold rows, overlaps
 * and conflicts with the columns in `others`, and how many rows changed vote. Gold should be dev
 * gold (the refine page compares on the dev split).
 *
 * @example
 * const { before, after, changedVotes } = compareProgramVersions(L, { before: 0, after: 1, others: [2, 3], gold, versions: [1, 2], faults: [0, 3] });
 */
export function compareProgramVersions(
  L: LabelMatrix,
  o: {
    before: number;
    after: number;
    others: readonly number[];
    gold: ArrayLike<number>;
    versions: readonly [number, number];
    faults: readonly [number, number];
  },
): { readonly before: VersionMetrics; readonly after: VersionMetrics; readonly changedVotes: number } {
  if (o.gold.length !== L.n) throw new EngineError("INVALID_ARGUMENT", `gold has ${o.gold.length} labels for ${L.n} rows`);
  for (const column of [o.before, o.after, ...o.others]) {
    if (column < 0 || column >= L.m) throw new EngineError("INVALID_ARGUMENT", `column ${column} is outside 0..${L.m - 1}`);
  }
  const side = (column: number, version: number, faults: number): VersionMetrics => {
    let votes = 0,
      graded = 0,
      correct = 0,
      overlaps = 0,
      conflicts = 0;
    for (let i = 0; i < L.n; i++) {
      const v = L.values[i * L.m + column]!;
      if (v === ABSTAIN) continue;
      votes += 1;
      const g = o.gold[i]!;
      if (g >= 0) {
        graded += 1;
        if (g === v) correct += 1;
      }
      let overlap = false,
        conflict = false;
      for (const j of o.others) {
        const w = L.values[i * L.m + j]!;
        if (w === ABSTAIN) continue;
        overlap = true;
        if (w !== v) conflict = true;
      }
      if (overlap) overlaps += 1;
      if (conflict) conflicts += 1;
    }
    const n = Math.max(1, L.n);
    return { version, coverage: votes / n, accuracy: graded === 0 ? null : correct / graded, overlaps: overlaps / n, conflicts: conflicts / n, faults, votes };
  };
  let changedVotes = 0;
  for (let i = 0; i < L.n; i++) if (L.values[i * L.m + o.before] !== L.values[i * L.m + o.after]) changedVotes += 1;
  return { before: side(o.before, o.versions[0], o.faults[0]), after: side(o.after, o.versions[1], o.faults[1]), changedVotes };
}
