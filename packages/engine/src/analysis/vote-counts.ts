import { ABSTAIN, type LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";

/** Integer counts over the rows of a label matrix; m x m and m x k arrays are row-major. */
export interface VoteCounts {
  readonly n: number;
  readonly m: number;
  readonly k: number;
  /** Rows where programs a and b both vote; the diagonal is each program's vote count. */
  readonly overlap: Int32Array;
  /** Rows where a and b both vote and disagree; the diagonal is 0. */
  readonly conflict: Int32Array;
  /** Votes of program j for class c at `j * k + c`. */
  readonly classVotes: Int32Array;
  /** Rows with gold >= 0 where program j votes the gold class / another class. */
  readonly correct: Int32Array;
  readonly incorrect: Int32Array;
  /** Rows with gold >= 0. */
  readonly goldRows: number;
  /** Gold rows per class. */
  readonly goldClassCounts: Int32Array;
}

/**
 * Pairwise overlap / conflict counts, per-class vote counts and (with gold) per-program right /
 * wrong counts in one pass. Counts rather than fractions so the worker can store them and pages
 * can show totals for click-through; pairs are only visited among the programs that vote on a
 * row, so sparse matrices (the usual case: most programs abstain) cost about n x m.
 *
 * @example
 * const L = labelMatrixFromRows([[0, 0, -1], [0, 1, 1]], 2);
 * const c = voteCounts(L, { k: 2 });
 * c.conflict[0 * 3 + 1]; // 1 (row 1: program 0 says 0, program 1 says 1)
 */
export function voteCounts(L: LabelMatrix, options: { k: number; gold?: ArrayLike<number> }): VoteCounts {
  const { n, m, values } = L;
  const { k, gold } = options;
  if (!Number.isInteger(k) || k < 2) throw new EngineError("INVALID_ARGUMENT", `voteCounts: k must be an integer >= 2, got ${k}`);
  if (values.length !== n * m) throw new EngineError("INVALID_ARGUMENT", `voteCounts: ${values.length} values for ${n} x ${m}`);
  if (gold && gold.length !== n) throw new EngineError("INVALID_ARGUMENT", `voteCounts: ${gold.length} gold labels for ${n} rows`);
  const overlap = new Int32Array(m * m);
  const conflict = new Int32Array(m * m);
  const classVotes = new Int32Array(m * k);
  const correct = new Int32Array(m);
  const incorrect = new Int32Array(m);
  const goldClassCounts = new Int32Array(k);
  const voters = new Int32Array(m);
  const voted = new Int32Array(m);
  let goldRows = 0;
  for (let i = 0; i < n; i++) {
    const row = i * m;
    const g = gold ? gold[i]! : -1;
    if (g >= k) throw new EngineError("INVALID_ARGUMENT", `voteCounts: row ${i} has gold ${g}, outside -1..${k - 1}`);
    if (g >= 0) {
      goldRows++;
      goldClassCounts[g]!++;
    }
    let count = 0;
    for (let j = 0; j < m; j++) {
      const v = values[row + j]!;
      if (v === ABSTAIN) continue;
      if (v < 0 || v >= k) throw new EngineError("INVALID_ARGUMENT", `voteCounts: row ${i} program ${j} votes ${v}, outside -1..${k - 1}`);
      voters[count] = j;
      voted[count] = v;
      count++;
      classVotes[j * k + v]!++;
      if (g >= 0) {
        if (g === v) correct[j]!++;
        else incorrect[j]!++;
      }
    }
    for (let x = 0; x < count; x++) {
      const a = voters[x]!;
      overlap[a * m + a]!++;
      for (let y = x + 1; y < count; y++) {
        const b = voters[y]!;
        overlap[a * m + b]!++;
        overlap[b * m + a]!++;
        if (voted[x] !== voted[y]) {
          conflict[a * m + b]!++;
          conflict[b * m + a]!++;
        }
      }
    }
  }
  return { n, m, k, overlap, conflict, classVotes, correct, incorrect, goldRows, goldClassCounts };
}
