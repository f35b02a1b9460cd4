import { EngineError } from "../errors/engine-error";

/**
 * Raw gold values (as they appear in the file, trimmed) to class names; `null` marks a value
 * that means "no gold" (e.g. `unlabeled`). Keys are compared as text, so `1` and `"1"` match.
 */
export type LabelMap = Readonly<Record<string, string | null>>;

/**
 * Checks a label map against the task's classes: every target must be a class name (exact),
 * and raw values must be unique once trimmed. Returns the map with trimmed keys.
 *
 * @example
 * checkLabelMap({ "1": "ham", "2": "spam" }, ["ham", "spam"], "task.yaml"); // ok
 * checkLabelMap({ "1": "hams" }, ["ham", "spam"], "task.yaml"); // throws: "hams" is not a class
 */
export function checkLabelMap(map: LabelMap, classNames: readonly string[], source: string): LabelMap {
  const out: Record<string, string | null> = {};
  const entries = Object.entries(map);
  if (entries.length === 0) throw new EngineError("INVALID_ARGUMENT", `${source}: the label map is empty`);
  for (const [rawKey, name] of entries) {
    const raw = rawKey.trim();
    if (Object.hasOwn(out, raw)) throw new EngineError("INVALID_ARGUMENT", `${source}: the label map has the raw value ${JSON.stringify(raw)} twice`);
    if (name !== null && !classNames.includes(name)) {
      throw new EngineError(
        "INVALID_ARGUMENT",
        `${source}: the label map sends ${JSON.stringify(raw)} to "${name}", which is not a class (classes: ${classNames.join(", ")})`,
      );
    }
    out[raw] = name;
  }
  return out;
}

/**
 * The text a raw gold value is looked up by in a label map: strings trimmed, numbers and
 * booleans as JSON writes them; undefined for an empty or missing value (no gold).
 *
 * @example
 * labelMapKey(" 1 "); // "1"
 * labelMapKey(-1);    // "-1"
 */
export function labelMapKey(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const text = typeof value === "string" ? value.trim() : typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
  return text === "" ? undefined : text;
}
