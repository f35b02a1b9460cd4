/** First characters that make a spreadsheet read a cell as a formula (or hide one after a tab/CR). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: text that a spreadsheet would run as a formula (starting with = + - @, tab or
 * CR) gets a leading `'` so it shows as text; cells with a delimiter, quote or line break are
 * quoted. Numbers pass as they are (they are ours, not the uploader's).
 *
 * @example
 * csvCell('=HYPERLINK("http://x")'); // "'=HYPERLINK(""http://x"")" quoted
 * csvCell(0.25); // "0.25"
 */
export function csvCell(value: unknown): string {
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (value === null || value === undefined) return "";
  let text = typeof value === "string" ? value : typeof value === "boolean" ? String(value) : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}
