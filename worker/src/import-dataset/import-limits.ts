import { formatZodIssues } from "@alchemist/engine";
import type { ReadingLimits } from "@alchemist/engine";
import type { ZipLimits } from "@alchemist/engine/node";
import { z } from "zod";

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const ImportLimitsEnv = z.object({
  /** Longest CSV/TSV field or JSON Lines line, in characters. */
  IMPORT_MAX_FIELD_CHARS: positive(8 * 1024 * 1024),
  /** Deepest JSON nesting in a JSON Lines record. */
  IMPORT_MAX_JSON_DEPTH: positive(64),
  /** Most columns in a header row, or keys in a JSON record. */
  IMPORT_MAX_COLUMNS: positive(10_000),
  ZIP_MAX_ENTRIES: positive(1000),
  ZIP_MAX_ENTRY_BYTES: positive(512 * 1024 * 1024),
  ZIP_MAX_TOTAL_BYTES: positive(1024 * 1024 * 1024),
  ZIP_MAX_RATIO: positive(200),
});

/** What the import and preview jobs accept from an upload. */
export interface ImportLimits {
  readonly reading: ReadingLimits;
  readonly zip: ZipLimits;
}

/**
 * The upload reading limits from the environment (IMPORT_MAX_FIELD_CHARS, IMPORT_MAX_JSON_DEPTH, IMPORT_MAX_COLUMNS,
 * ZIP_MAX_ENTRIES, ZIP_MAX_ENTRY_BYTES, ZIP_MAX_TOTAL_BYTES, ZIP_MAX_RATIO), defaults otherwise.
 *
 * @example
 * const { reading, zip } = readImportLimits();
 */
export function readImportLimits(env: NodeJS.ProcessEnv = process.env): ImportLimits {
  const parsed = ImportLimitsEnv.safeParse(env);
  if (!parsed.success) throw new Error(`invalid import limits: ${formatZodIssues(parsed.error)}`);
  const e = parsed.data;
  return {
    reading: { maxFieldChars: e.IMPORT_MAX_FIELD_CHARS, maxJsonDepth: e.IMPORT_MAX_JSON_DEPTH, maxColumns: e.IMPORT_MAX_COLUMNS },
    zip: { maxEntries: e.ZIP_MAX_ENTRIES, maxEntryBytes: e.ZIP_MAX_ENTRY_BYTES, maxTotalBytes: e.ZIP_MAX_TOTAL_BYTES, maxRatio: e.ZIP_MAX_RATIO },
  };
}
