/** The kinds of supplementary information the paper adds to a program prompt (Sec. 3.1, 4.3). */
export type InfoKind = "descriptions" | "examples" | "keywords" | "rules" | "retrieval";
export const INFO_KINDS: readonly InfoKind[] = ["descriptions", "examples", "keywords", "rules", "retrieval"];

/** One piece of context put in front of the mission statement. */
export interface SupplementaryItem {
  readonly kind: InfoKind;
  readonly title: string;
  readonly text: string;
  /** Where it came from: `user`, `dev-sample`, `llm` (two-stage), or a document path. */
  readonly source: string;
}

/**
 * Renders the supplementary context block of a prompt (empty string for no items).
 *
 * @example
 * renderSupplementary([{ kind: "keywords", title: "Keywords", text: "spam: free, prize", source: "user" }]);
 * // "Keywords:\nspam: free, prize\n"
 */
export function renderSupplementary(items: readonly SupplementaryItem[]): string {
  return items.map((item) => `${item.title}:\n${item.text.trim()}\n`).join("\n");
}
