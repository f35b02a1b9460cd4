import { DelimitedRecordParser } from "../../datasets/delimited-record-parser";
import type { SourceRecord } from "../../datasets/map-records";
import { DEFAULT_READING_LIMITS, type ReadingLimits } from "../../datasets/reading-limits";
import { EngineError } from "../../errors/engine-error";
import { parseRecordBatches } from "./parse-record-batches";
import type { TextEncoding } from "./text-block-decoder";

export interface ReadDelimitedOptions {
  /** Field delimiter; default `,`. Quoting is off for tab, where quotes are ordinary text. */
  readonly delimiter?: string;
  /** Column names for a file without a header row. */
  readonly columns?: readonly string[];
  /** Whether the first row is the header; default true unless `columns` is given (false alone names columns `column_1`...). */
  readonly header?: boolean;
  /** Default `auto`: UTF-8 (validated), or UTF-16 when the file starts with its BOM. */
  readonly encoding?: TextEncoding;
  readonly limits?: Partial<ReadingLimits>;
}

// Records are parsed a block at a time anyway; this only sizes the arrays handed between layers.
const BATCH_ROWS = 1024;

/**
 * Streams the records of a delimited text file (CSV, TSV, ...). The first row is the header
 * unless `columns` is given; a UTF-8 BOM is stripped; every row must have as many fields as
 * there are columns. Errors are DATASET_PARSE naming the file and line. The bytes pass through
 * `TextBlockDecoder` (binary files and invalid UTF-8 are refused with a byte offset) and a record
 * past `limits.maxFieldChars` fails instead of growing without bound. A file with a header and
 * no rows yields nothing here; `readRecordBatches` and `loadDataset` refuse it.
 *
 * @example
 * for await (const { line, values } of readDelimited("sms.tsv", { delimiter: "\t", columns: ["label", "text"] })) {
 *   console.log(line, values.text);
 * }
 */
export async function* readDelimited(path: string, options: ReadDelimitedOptions = {}): AsyncGenerator<SourceRecord> {
  const delimiter = options.delimiter ?? ",";
  if (delimiter.length === 0) throw new EngineError("INVALID_ARGUMENT", `${path}: the delimiter must not be empty`);
  const parser = new DelimitedRecordParser(path, {
    delimiter,
    columns: options.columns,
    header: options.header,
    limits: { ...DEFAULT_READING_LIMITS, ...options.limits },
  });
  for await (const batch of parseRecordBatches(path, parser, options.encoding, BATCH_ROWS)) yield* batch;
  if (parser.records === 0 && !parser.sawHeader) throw new EngineError("DATASET_PARSE", `${path} is empty`, { file: path });
}
