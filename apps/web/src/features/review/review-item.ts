/** One row on a review screen, JSON-safe for the client component. */
export interface ReviewItem {
  readonly rowId: string;
  readonly index: number;
  readonly externalId: string;
  readonly split: "TRAIN" | "DEV" | "TEST";
  /** Field name -> value as a display string. */
  readonly fields: { name: string; value: string }[];
  /** Program name -> vote (class index, -1 = abstain); empty in blind batches. */
  readonly votes: { name: string; vote: number }[];
  readonly pseudolabel: { label: number; confidence: number } | null;
  /** The row's current gold (imported with the data or decided in review); null without gold or in blind batches. */
  readonly gold: { label: number; source: "GOLD_IMPORT" | "REVIEW" } | null;
  /** The signed-in reviewer's label so far (batches), or null. */
  readonly mine: number | null;
  /** Other reviewers' labels (open batches only). */
  readonly others: { reviewer: string; label: number; comment: string | null }[];
  /** Comments on the row (solo review only: in batches they could reveal other reviewers' labels). */
  readonly comments?: { author: string; body: string }[];
}

/**
 * Field values as display strings (objects as JSON), in the row's own key order.
 *
 * @example
 * displayFields({ text: "hi", n: 3 }); // [{ name: "text", value: "hi" }, { name: "n", value: "3" }]
 */
export function displayFields(fields: unknown): { name: string; value: string }[] {
  if (!fields || typeof fields !== "object" || Array.isArray(fields)) return [{ name: "value", value: JSON.stringify(fields) }];
  return Object.entries(fields as Record<string, unknown>).map(([name, value]) => ({ name, value: typeof value === "string" ? value : JSON.stringify(value) }));
}

/**
 * The label "accept" gives: the pseudolabel, else the most common program vote (ties to the
 * lower class), else null when nothing voted.
 *
 * @example
 * suggestedLabel({ pseudolabel: null, votes: [{ name: "a", vote: 1 }, { name: "b", vote: -1 }] }); // 1
 */
export function suggestedLabel(item: Pick<ReviewItem, "pseudolabel" | "votes">): number | null {
  if (item.pseudolabel) return item.pseudolabel.label;
  const counts = new Map<number, number>();
  for (const { vote } of item.votes) if (vote >= 0) counts.set(vote, (counts.get(vote) ?? 0) + 1);
  let best: number | null = null;
  for (const [label, count] of counts) if (best === null || count > counts.get(best)! || (count === counts.get(best)! && label < best)) best = label;
  return best;
}
