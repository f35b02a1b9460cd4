import { EngineError } from "../errors/engine-error";
import type { LabelIssue } from "../improve/label-error-audit";
import type { ReviewOrder } from "./conflict-review-order";

/**
 * The "likely errors" review order: the label-error audit's issues first, most likely wrong
 * first (as `labelErrorAudit` ranks them), then every other row in row order, so the review queue
 * walks it like the conflict and uncertainty orders. `scored` = the number of issues.
 *
 * @example
 * likelyErrorsReviewOrder([{ row: 2, ... }, { row: 0, ... }], 4); // { indices: Int32Array [2, 0, 1, 3], scored: 2 }
 */
export function likelyErrorsReviewOrder(issues: readonly Pick<LabelIssue, "row">[], n: number): ReviewOrder {
  if (!Number.isInteger(n) || n < 0) throw new EngineError("INVALID_ARGUMENT", `likelyErrorsReviewOrder: ${n} rows is not a row count`);
  const indices = new Int32Array(n);
  const seen = new Uint8Array(n);
  let at = 0;
  for (const { row } of issues) {
    if (!Number.isInteger(row) || row < 0 || row >= n)
      throw new EngineError("INVALID_ARGUMENT", `likelyErrorsReviewOrder: issue row ${row} is outside 0..${n - 1}`);
    if (seen[row]) throw new EngineError("INVALID_ARGUMENT", `likelyErrorsReviewOrder: row ${row} is listed twice`);
    seen[row] = 1;
    indices[at++] = row;
  }
  const scored = at;
  for (let i = 0; i < n; i++) if (!seen[i]) indices[at++] = i;
  return { indices, scored };
}
