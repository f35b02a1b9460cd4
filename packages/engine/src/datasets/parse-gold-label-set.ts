import { EngineError } from "../errors/engine-error";
import { parseGoldLabel } from "./parse-gold-label";

/** Why a gold list could not be read: the item that names no class, or text that is not a list. */
export type GoldSetProblem = { readonly unknown: unknown } | { readonly malformed: string };

/**
 * Reads the gold of a multi-label row: a list of classes as a JSON array (JSONL), a JSON list in
 * text (`["sports","politics"]`) or `|`-separated text (`sports|politics`, the CSV form); a single
 * class is a one-item list. Each item is read by `item` (default `parseGoldLabel`: a class name or
 * index; a label map's lookup in `mapRecords`), where undefined drops the item. Returns sorted,
 * distinct class indices (`[]` = no class applies, from `[]` only), undefined for an empty cell
 * (no gold), or the problem.
 *
 * @example
 * parseGoldLabelSet("b|a", ["a", "b", "c"]);      // [0, 1]
 * parseGoldLabelSet(["c", 0], ["a", "b", "c"]);   // [0, 2]
 * parseGoldLabelSet("[]", ["a", "b", "c"]);       // []
 * parseGoldLabelSet("a|zzz", ["a", "b", "c"]);    // { unknown: "zzz" }
 */
export function parseGoldLabelSet(
  value: unknown,
  classNames: readonly string[],
  item: (raw: unknown) => number | undefined | null = (raw) => parseGoldLabel(raw, classNames),
): number[] | undefined | GoldSetProblem {
  if (classNames.length === 0) throw new EngineError("INVALID_ARGUMENT", "gold labels need class names, got 0 classes");
  if (value === undefined || value === null) return undefined;
  let items: readonly unknown[];
  if (Array.isArray(value)) items = value;
  else if (typeof value === "string") {
    const text = value.trim();
    if (text === "") return undefined;
    if (text.startsWith("[")) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { malformed: `${JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text)} starts like a JSON list but does not parse` };
      }
      if (!Array.isArray(parsed)) return { malformed: `${JSON.stringify(text)} is not a list` };
      items = parsed;
    } else
      items = text
        .split("|")
        .map((part) => part.trim())
        .filter((part) => part !== "");
  } else if (typeof value === "number") items = [value];
  else return { malformed: `expected a list of classes, got ${typeof value}` };
  const out = new Set<number>();
  for (const raw of items) {
    const index = item(raw);
    if (index === null) return { unknown: raw };
    if (index !== undefined) out.add(index);
  }
  return [...out].sort((a, b) => a - b);
}
