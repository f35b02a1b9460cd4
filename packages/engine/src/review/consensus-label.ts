/** What is known about one row of a review batch once a reviewer has answered. */
export interface BatchRowLabels {
  /** Every label given on the row in the batch so far. */
  readonly labels: readonly number[];
  /** Assignments of the row not answered yet. */
  readonly pending: number;
  /** Whether an editor already decided the row (adjudication wins over consensus). */
  readonly adjudicated: boolean;
}

/**
 * The consensus rule of team review: when every reviewer of the row has answered, all gave the
 * same label and nobody adjudicated it, that label becomes the row's gold; otherwise null (a
 * disagreement waits for an editor's adjudication, an incomplete row for its reviewers).
 *
 * @example
 * consensusLabel({ labels: [1, 1], pending: 0, adjudicated: false }); // 1
 * consensusLabel({ labels: [1, 0], pending: 0, adjudicated: false }); // null
 */
export function consensusLabel(row: BatchRowLabels): number | null {
  if (row.pending > 0 || row.adjudicated || row.labels.length === 0) return null;
  const first = row.labels[0]!;
  return row.labels.every((label) => label === first) ? first : null;
}
