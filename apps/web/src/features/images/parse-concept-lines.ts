/**
 * Concepts as typed in a textarea: one per line, trimmed, blank lines and `#` comments skipped
 * (duplicates are left for the payload's schema to name).
 *
 * @example
 * parseConceptLines("a round circle\n\n# colours\na red object"); // ["a round circle", "a red object"]
 */
export function parseConceptLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}
