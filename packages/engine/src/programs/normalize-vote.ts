import { ABSTAIN } from "../core/label-matrix";

/** A program's output turned into a vote, or the reason it is not one. */
export type NormalizedVote = { vote: number } | { fault: "invalid-output"; message: string };

function describe(output: unknown): string {
  if (output === null) return "None/null";
  if (output === undefined) return "undefined";
  if (typeof output === "string") return `"${output.length > 40 ? `${output.slice(0, 40)}...` : output}"`;
  if (typeof output === "number" || typeof output === "boolean") return `${typeof output} ${String(output)}`;
  return Array.isArray(output) ? "an array" : `a value of type ${typeof output}`;
}

/**
 * Turns what a labeling program returned into a vote: an integer class index 0..k-1 or -1
 * (abstain) is kept, a class name (exact match first, then case-insensitive) becomes its index,
 * anything else (booleans, null/None, floats, out-of-range numbers, unknown names) is an
 * invalid output, which callers record as a fault and an abstain.
 *
 * @example
 * normalizeVote("Spam", ["ham", "spam"]); // { vote: 1 }
 * normalizeVote(-1, ["ham", "spam"]);     // { vote: -1 }
 * normalizeVote(true, ["ham", "spam"]);   // { fault: "invalid-output", message: "returned boolean true, ..." }
 */
export function normalizeVote(output: unknown, classNames: readonly string[]): NormalizedVote {
  const k = classNames.length;
  const expected = `expected a class index 0..${k - 1}, -1 (abstain) or one of ${classNames.map((c) => `"${c}"`).join(", ")}`;
  if (typeof output === "number" && Number.isInteger(output) && output >= ABSTAIN && output < k) return { vote: output };
  if (typeof output === "string") {
    const exact = classNames.indexOf(output);
    if (exact >= 0) return { vote: exact };
    const lower = output.toLowerCase();
    const loose = classNames.findIndex((name) => name.toLowerCase() === lower);
    if (loose >= 0) return { vote: loose };
  }
  return { fault: "invalid-output", message: `returned ${describe(output)}, ${expected}` };
}
