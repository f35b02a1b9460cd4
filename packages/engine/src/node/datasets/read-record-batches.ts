import { DelimitedRecordParser } from "../../datasets/delimited-record-parser";
import { JsonlRecordParser } from "../../datasets/jsonl-record-parser";
import type { SourceRecord } from "../../datasets/map-records";
import { DEFAULT_READING_LIMITS, type ReadingLimits } from "../../datasets/reading-limits";
import { EngineError } from "../../errors/engine-error";
import { parseRecordBatches } from "./parse-record-batches";
import { readParquetBatches } from "./read-parquet-batches";
import { sniffFileFormat, type FileFormat } from "./sniff-file-format";
import type { TextEncoding } from "../../datasets/text-encoding";

export interface ReadRecordBatchesOptions {
  /** Default: by extension, then by the first character (`{` means JSON Lines). */
  format?: FileFormat;
  /** Delimiter of a delimited file; default: tab for TSV, else detected from the file's start. */
  delimiter?: string;
  /** Column names for a delimited file without a header row. */
  columns?: readonly string[];
  /** Whether a delimited file's first row is its header; default true unless `columns` is given (false alone names columns `column_1`...). */
  header?: boolean;
  /** Default `auto`: UTF-8 (validated), or UTF-16 when the file starts with its BOM. */
  encoding?: TextEncoding;
  limits?: Partial<ReadingLimits>;
  /** Most records per batch; default 5,000. */
  batchRows?: number;
}

const DEFAULT_BATCH_ROWS = 5000;

/**
 * Records of a JSONL, CSV, TSV or Parquet file in batches of up to `batchRows`, format picked as
 * loadDataset does (extension, then first bytes). Parquet is read a row group at a time by
 * `readParquetBatches`. The file is decoded and parsed a block (~1 MiB) at a
 * time, so only the batch being filled and one block are held, whatever the file size; stopping
 * early closes the file. Guarantees and errors are those of `readJsonl` and `readDelimited`
 * (DATASET_PARSE naming the file and line, DATASET_READ when the file cannot be read), and a file
 * with no records fails: an empty file, or a header row with no data rows.
 *
 * @example
 * for await (const batch of readRecordBatches("sms.jsonl", { batchRows: 2000 })) {
 *   for (const { line, values } of batch) console.log(line, values.text);
 * }
 */
export async function* readRecordBatches(path: string, options: ReadRecordBatchesOptions = {}): AsyncGenerator<SourceRecord[]> {
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  if (!Number.isInteger(batchRows) || batchRows < 1)
    throw new EngineError("INVALID_ARGUMENT", `${path}: batchRows must be a positive integer, got ${batchRows}`);
  if (options.delimiter === "") throw new EngineError("INVALID_ARGUMENT", `${path}: the delimiter must not be empty`);
  const limits = { ...DEFAULT_READING_LIMITS, ...options.limits };
  const how = await sniffFileFormat(path, options.format, options.delimiter);
  if (how.format === "parquet") {
    yield* readParquetBatches(path, { limits, batchRows });
    return;
  }
  const parser =
    how.format === "jsonl"
      ? new JsonlRecordParser(path, limits)
      : new DelimitedRecordParser(path, { delimiter: how.delimiter, columns: options.columns, header: options.header, limits });
  yield* parseRecordBatches(path, parser, options.encoding, batchRows);
  if (parser.records > 0) return;
  if (parser instanceof DelimitedRecordParser && parser.sawHeader) {
    throw new EngineError(
      "DATASET_PARSE",
      `${path} has no data rows (only a header, or nothing): add rows below the header row; if that row is data, read the file with --no-header (and name the columns with --columns)`,
      { file: path },
    );
  }
  throw new EngineError("DATASET_PARSE", how.format === "jsonl" ? `${path} is empty: no JSON objects` : `${path} is empty`, { file: path });
}
