/** A suggested column mapping for the upload form. */
export interface MappingGuess {
  readonly input: string | null;
  readonly label: string | null;
  readonly split: string | null;
  readonly id: string | null;
}

const find = (columns: readonly string[], names: readonly string[]) => columns.find((c) => names.includes(c.trim().toLowerCase())) ?? null;

/**
 * Guesses which columns hold the text, gold label, split and id: by conventional names, else
 * the input is the column with the longest values in the preview rows.
 *
 * @example
 * guessMapping(["id", "body", "label"], rows); // { input: "body", label: "label", split: null, id: "id" }
 */
export function guessMapping(columns: readonly string[], rows: readonly Record<string, string>[]): MappingGuess {
  const label = find(columns, ["label", "labels", "class", "category", "target", "y", "gold"]);
  const split = find(columns, ["split", "fold", "partition"]);
  const id = find(columns, ["id", "uid", "row_id", "_id"]);
  const named = find(columns, ["text", "sentence", "content", "message", "body", "review", "document"]);
  const others = columns.filter((c) => c !== label && c !== split && c !== id);
  const length = (c: string) => rows.reduce((sum, row) => sum + (row[c]?.length ?? 0), 0);
  const longest = others.reduce<string | null>((best, c) => (best === null || length(c) > length(best) ? c : best), null);
  return { input: named ?? longest, label, split, id };
}
