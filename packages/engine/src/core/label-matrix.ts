import { EngineError } from "../errors/engine-error";

/** The vote a program casts when it cannot decide. */
export const ABSTAIN = -1;

export type VoteArray = Int8Array | Int16Array | Int32Array;

/**
 * n rows x m programs of votes, row-major: the vote of program j on row i is `values[i * m + j]`,
 * a class index in 0..k-1 or ABSTAIN.
 */
export interface LabelMatrix {
  readonly n: number;
  readonly m: number;
  readonly values: VoteArray;
}

/** The smallest signed integer array that holds votes for k classes. */
export function voteArrayFor(k: number, length: number): VoteArray {
  if (k <= 127) return new Int8Array(length);
  if (k <= 32767) return new Int16Array(length);
  return new Int32Array(length);
}

/**
 * Allocates an all-abstain label matrix.
 *
 * @example
 * const L = createLabelMatrix(5, 3, 2); // 5 rows, 3 programs, binary task
 * L.values[1 * 3 + 2] = 1;               // program 2 votes class 1 on row 1
 */
export function createLabelMatrix(n: number, m: number, k: number): LabelMatrix {
  if (!Number.isInteger(n) || n < 0) throw new EngineError("INVALID_ARGUMENT", `label matrix rows must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(m) || m < 0) throw new EngineError("INVALID_ARGUMENT", `label matrix columns must be a non-negative integer, got ${m}`);
  if (!Number.isInteger(k) || k < 2) throw new EngineError("INVALID_ARGUMENT", `a task needs at least 2 classes, got ${k}`);
  const values = voteArrayFor(k, n * m);
  values.fill(ABSTAIN);
  return { n, m, values };
}

/**
 * Builds a label matrix from nested arrays (tests, JSON files).
 *
 * @example
 * labelMatrixFromRows([[-1, 0], [1, 1]], 2)
 */
export function labelMatrixFromRows(rows: readonly (readonly number[])[], k: number): LabelMatrix {
  const n = rows.length;
  const m = n === 0 ? 0 : rows[0]!.length;
  const L = createLabelMatrix(n, m, k);
  rows.forEach((row, i) => {
    if (row.length !== m) throw new EngineError("INVALID_ARGUMENT", `label matrix row ${i} has ${row.length} votes, expected ${m}`);
    row.forEach((vote, j) => {
      if (!Number.isInteger(vote) || vote < ABSTAIN || vote >= k) {
        throw new EngineError("INVALID_ARGUMENT", `label matrix row ${i} column ${j}: vote ${vote} is outside -1..${k - 1}`);
      }
      L.values[i * m + j] = vote;
    });
  });
  return L;
}

/** Nested-array view of a label matrix, in row order. */
export function labelMatrixToRows(L: LabelMatrix): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < L.n; i++) rows.push(Array.from(L.values.subarray(i * L.m, (i + 1) * L.m)));
  return rows;
}
