import { firstRowLooksLikeData } from "../../datasets/detect-header-row";
import type { ReadingLimits } from "../../datasets/reading-limits";
import type { TextEncoding } from "../../datasets/text-encoding";
import { readRecordBatches } from "./read-record-batches";

const SAMPLE_ROWS = 50;

/** What the first rows of a delimited file say about its header row. */
export interface HeaderSniff {
  /** The first row's cells. */
  readonly first: readonly string[];
  /** Why the first row looks like data; undefined when it reads like a header. */
  readonly dataReason?: string;
}

/**
 * Reads the first 50 rows of a delimited file as data (no header) and asks
 * `firstRowLooksLikeData` about the first one. Unreadable files give undefined: the real read
 * reports their error.
 *
 * @example
 * const sniff = await sniffHeaderRow("SMSSpamCollection", { delimiter: "\t" });
 * sniff?.dataReason; // 'cell 1 "ham" is also a value further down its column (row 3)'
 */
export async function sniffHeaderRow(
  path: string,
  options: { delimiter: string; encoding?: TextEncoding; limits?: Partial<ReadingLimits> },
): Promise<HeaderSniff | undefined> {
  try {
    for await (const batch of readRecordBatches(path, {
      format: "delimited",
      delimiter: options.delimiter,
      header: false,
      batchRows: SAMPLE_ROWS,
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    })) {
      const cells = batch.map((record) => Object.values(record.values).map(String));
      const first = cells[0] ?? [];
      const dataReason = firstRowLooksLikeData(first, cells.slice(1));
      return dataReason === undefined ? { first } : { first, dataReason };
    }
  } catch {
    return undefined;
  }
  return undefined;
}
