const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Splits text into words: maximal runs of unicode letters and digits; everything else separates.
 *
 * @example
 * tokenizeWords("Don't stop—2x!"); // ["Don", "t", "stop", "2x"]
 */
export function tokenizeWords(text: string): string[] {
  return text.match(WORD) ?? [];
}
