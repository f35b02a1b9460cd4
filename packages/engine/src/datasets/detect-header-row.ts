const NUMBER = /^[-+]?(\d+([.,]\d+)?|\.\d+)([eE][-+]?\d+)?$/;
const LONG_CHARS = 50;
const MANY_WORDS = 6;
const shown = (text: string) => JSON.stringify(text.length > 30 ? `${text.slice(0, 27)}...` : text);

/**
 * Whether the first row of a delimited file looks like data rather than a header, and why:
 * a cell that is a number, empty, repeated, long or sentence-like (header names are short
 * labels), or a cell that also appears as a value further down its column (`ham` in a label
 * column). `rows` are the following rows, in the same column order. Returns the reason, or
 * undefined when the row reads like a header. The CLI and the studio's upload preview both ask it.
 *
 * @example
 * firstRowLooksLikeData(["ham", "Go until jurong point, crazy.. Available only in bugis"], [["spam", "Free entry"], ["ham", "Ok lar"]]);
 * // 'cell 1 "ham" is also a value further down its column (row 3)'
 * firstRowLooksLikeData(["label", "text"], [["ham", "Ok lar"]]); // undefined
 */
export function firstRowLooksLikeData(first: readonly string[], rows: readonly (readonly string[])[]): string | undefined {
  const seen = new Set<string>();
  for (let c = 0; c < first.length; c++) {
    const cell = first[c]!.trim();
    if (cell === "") return `cell ${c + 1} is empty`;
    if (NUMBER.test(cell)) return `cell ${c + 1} ${shown(cell)} is a number`;
    if (cell.length > LONG_CHARS || cell.split(/\s+/).length >= MANY_WORDS) return `cell ${c + 1} ${shown(cell)} reads like text, not a column name`;
    if (seen.has(cell)) return `${shown(cell)} appears twice`;
    seen.add(cell);
  }
  for (let c = 0; c < first.length; c++) {
    const cell = first[c]!.trim();
    const at = rows.findIndex((row) => row[c]?.trim() === cell);
    if (at !== -1) return `cell ${c + 1} ${shown(cell)} is also a value further down its column (row ${at + 2})`;
  }
  return undefined;
}
