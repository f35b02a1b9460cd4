import type { LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";
import { countCooccurrences } from "./sufficient-statistics-cooccurrence";

/**
 * Everything a moment-based label model needs from a label matrix, as plain counts so that
 * chunks (or machines) can each compute theirs and add them up.
 * With d = m * k and column `j * k + c` meaning "program j votes class c":
 * - `O[a * d + b]`: rows where both indicators a and b are on (symmetric; the diagonal holds the
 *   per-program vote counts). Snorkel's O is `O / n`.
 * - `voteCounts[j * k + c]`: rows where program j votes c (the diagonal of O, kept for convenience).
 * - `classVotes[c]`: votes for class c over all programs; `coveredRows`: rows with at least one vote.
 */
export interface SufficientStatistics {
  readonly n: number;
  readonly m: number;
  readonly k: number;
  readonly O: Float64Array;
  readonly voteCounts: Float64Array;
  readonly classVotes: Float64Array;
  readonly coveredRows: number;
}

/** Empty statistics (n = 0) for m programs and k classes; the identity of `mergeSufficientStatistics`. */
export function emptySufficientStatistics(m: number, k: number): SufficientStatistics {
  const d = m * k;
  return { n: 0, m, k, O: new Float64Array(d * d), voteCounts: new Float64Array(d), classVotes: new Float64Array(k), coveredRows: 0 };
}

/**
 * Counts the sufficient statistics of one chunk of rows. The co-occurrence counts never touch a
 * dense d-wide row (see `countCooccurrences`), and nothing is allocated per row.
 *
 * @example
 * const stats = sufficientStatistics(labelMatrixFromRows([[0, 1, -1], [1, 1, 0]], 2), 2);
 * stats.O[(1 * 2 + 1) * 6 + (0 * 2 + 1)]; // 1: one row where program 1 and program 0 both vote 1
 */
export function sufficientStatistics(L: LabelMatrix, k: number): SufficientStatistics {
  const { n, m, values } = L;
  if (!Number.isInteger(k) || k < 2) throw new EngineError("INVALID_ARGUMENT", `sufficientStatistics: k must be an integer >= 2, got ${k}`);
  if (values.length !== n * m) throw new EngineError("INVALID_ARGUMENT", `sufficientStatistics: label matrix has ${values.length} values for ${n} x ${m}`);
  const d = m * k;
  const O = new Float64Array(d * d);
  const coveredRows = countCooccurrences(L, k, O);
  for (let a = 0; a < d; a++) for (let b = a + 1; b < d; b++) O[b * d + a] = O[a * d + b]!;
  const voteCounts = new Float64Array(d);
  const classVotes = new Float64Array(k);
  for (let a = 0; a < d; a++) {
    voteCounts[a] = O[a * d + a]!;
    classVotes[a % k]! += voteCounts[a]!;
  }
  return { n, m, k, O, voteCounts, classVotes, coveredRows };
}
