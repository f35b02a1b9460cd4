/**
 * Bounds on what a dataset reader accepts from an untrusted file. A file past a bound fails
 * with an error naming the line and the limit instead of exhausting memory or the stack.
 */
export interface ReadingLimits {
  /** Longest single field (CSV/TSV) or JSON Lines line, in characters. */
  readonly maxFieldChars: number;
  /** Deepest `[`/`{` nesting in a JSON record. */
  readonly maxJsonDepth: number;
  /** Most columns in a header row, or keys in a JSON record (bounds a row: columns x field size). */
  readonly maxColumns: number;
}

/**
 * The default reading limits: 8 Mi characters per field or JSON line (a long document still
 * fits; a 50 MB field does not), JSON nesting of 64 (real records nest a handful of levels) and
 * 10,000 columns per row.
 *
 * @example
 * readDelimited(path, { limits: { ...DEFAULT_READING_LIMITS, maxFieldChars: 1_000_000 } });
 */
export const DEFAULT_READING_LIMITS: ReadingLimits = { maxFieldChars: 8 * 1024 * 1024, maxJsonDepth: 64, maxColumns: 10_000 };
