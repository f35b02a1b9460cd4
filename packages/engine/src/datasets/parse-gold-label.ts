import { EngineError } from "../errors/engine-error";

/**
 * Reads a gold label given as a class name (exact, then case-insensitive) or a class index
 * (number or integer string). Returns undefined for an empty value (no gold) and null for a
 * value that names no class.
 *
 * @example
 * parseGoldLabel("spam", ["ham", "spam"]); // 1
 * parseGoldLabel("0", ["ham", "spam"]);    // 0
 */
export function parseGoldLabel(value: unknown, classNames: readonly string[]): number | undefined | null {
  if (classNames.length === 0) throw new EngineError("INVALID_ARGUMENT", "gold labels need class names, got 0 classes");
  if (value === undefined || value === null) return undefined;
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 0 && value < classNames.length ? value : null;
  }
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (text === "") return undefined;
  const exact = classNames.indexOf(text);
  if (exact >= 0) return exact;
  const lower = text.toLowerCase();
  const loose = classNames.findIndex((name) => name.toLowerCase() === lower);
  if (loose >= 0) return loose;
  if (/^\d+$/.test(text)) {
    const index = Number(text);
    if (index < classNames.length) return index;
  }
  return null;
}
