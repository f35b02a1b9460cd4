import { EngineError } from "../errors/engine-error";

/** One (row, reviewer) pair of a review batch; `row` is a position in the batch's row list. */
export interface ReviewerAssignment {
  readonly row: number;
  readonly userId: string;
}

/**
 * Round-robin assignment of a batch's rows: row p goes to reviewers (p * overlap + t) mod R for
 * t < overlap, so every row gets exactly `overlap` distinct reviewers and loads differ by at most
 * one row.
 *
 * @example
 * assignReviewers(2, ["a", "b", "c"], 2);
 * // [{ row: 0, userId: "a" }, { row: 0, userId: "b" }, { row: 1, userId: "c" }, { row: 1, userId: "a" }]
 */
export function assignReviewers(rowCount: number, reviewers: readonly string[], overlap: number): ReviewerAssignment[] {
  if (!Number.isInteger(rowCount) || rowCount < 0)
    throw new EngineError("INVALID_ARGUMENT", `assignReviewers: row count must be an integer >= 0, got ${rowCount}`);
  if (new Set(reviewers).size !== reviewers.length) throw new EngineError("INVALID_ARGUMENT", "a reviewer is listed twice");
  if (reviewers.length === 0) throw new EngineError("INVALID_ARGUMENT", "pick at least one reviewer");
  if (!Number.isInteger(overlap) || overlap < 1 || overlap > reviewers.length) {
    throw new EngineError("INVALID_ARGUMENT", `overlap must be 1..${reviewers.length} (the number of reviewers picked), got ${overlap}`);
  }
  const out: ReviewerAssignment[] = [];
  for (let p = 0; p < rowCount; p++) for (let t = 0; t < overlap; t++) out.push({ row: p, userId: reviewers[(p * overlap + t) % reviewers.length]! });
  return out;
}
