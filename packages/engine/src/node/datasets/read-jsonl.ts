import type { SourceRecord } from "../../datasets/map-records";
import { JsonlRecordParser } from "../../datasets/jsonl-record-parser";
import { DEFAULT_READING_LIMITS, type ReadingLimits } from "../../datasets/reading-limits";
import { EngineError } from "../../errors/engine-error";
import { parseRecordBatches } from "./parse-record-batches";
import type { TextEncoding } from "./text-block-decoder";

export interface ReadJsonlOptions {
  /** Default `auto`: UTF-8 (validated), or UTF-16 when the file starts with its BOM. */
  readonly encoding?: TextEncoding;
  readonly limits?: Partial<ReadingLimits>;
}

// Records are parsed a block at a time anyway; this only sizes the arrays handed between layers.
const BATCH_ROWS = 1024;

/**
 * Streams a JSON Lines file: one JSON object per line, blank lines skipped, a UTF-8 BOM
 * stripped. The bytes pass through `TextBlockDecoder` (binary and invalid UTF-8 are refused with
 * a byte offset); lines past `limits.maxFieldChars` and objects nested deeper than
 * `limits.maxJsonDepth` fail. Errors are DATASET_PARSE naming the file and line. For bulk
 * reading, `readRecordBatches` yields the same records an array at a time.
 *
 * @example
 * for await (const { line, values } of readJsonl("data.jsonl")) console.log(line, values.text);
 */
export async function* readJsonl(path: string, options: ReadJsonlOptions = {}): AsyncGenerator<SourceRecord> {
  const parser = new JsonlRecordParser(path, { ...DEFAULT_READING_LIMITS, ...options.limits });
  for await (const batch of parseRecordBatches(path, parser, options.encoding, BATCH_ROWS)) yield* batch;
  if (parser.records === 0) throw new EngineError("DATASET_PARSE", `${path} is empty: no JSON objects`, { file: path });
}
