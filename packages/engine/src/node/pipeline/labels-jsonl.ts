import type { LabelRow } from "./pipeline-types";

/**
 * `labels.jsonl` of a multi-label run: one JSON object per line with the row id, the list of
 * classes that apply and each class's probability (6 significant digits, as labels.csv).
 *
 * @example
 * labelsJsonl([{ id: "1", label: "a|b", labels: ["a", "b"], probabilities: [0.9, 0.7, 0.1] }], ["a", "b", "c"]);
 * // '{"id":"1","labels":["a","b"],"probabilities":{"a":0.9,"b":0.7,"c":0.1}}\n'
 */
export function labelsJsonl(labels: readonly LabelRow[], classNames: readonly string[]): string {
  return labels
    .map(
      (row) =>
        JSON.stringify({
          id: row.id,
          labels: row.labels ?? (row.label === "" ? [] : row.label.split("|")),
          probabilities: Object.fromEntries(classNames.map((name, c) => [name, Number(row.probabilities[c]!.toPrecision(6))])),
        }) + "\n",
    )
    .join("");
}
