import type { SourceRecord } from "../../datasets/map-records";
import type { RecordParser } from "../../datasets/record-parser";
import { EngineError } from "../../errors/engine-error";
import { readTextBlocks } from "./read-text-blocks";
import type { TextEncoding } from "./text-block-decoder";

/**
 * Feeds a file's text to `parser` block by block and yields its records in batches of up to
 * `batchRows`. Only one block of text and the batch being filled are held; the file is closed
 * when the caller stops early. Errors that are not the parser's or the decoder's own become
 * DATASET_READ naming the file.
 *
 * @example
 * for await (const batch of parseRecordBatches("data.jsonl", new JsonlRecordParser("data.jsonl", DEFAULT_READING_LIMITS), "auto", 5000)) send(batch);
 */
export async function* parseRecordBatches(
  path: string,
  parser: RecordParser,
  encoding: TextEncoding | undefined,
  batchRows: number,
): AsyncGenerator<SourceRecord[]> {
  let batch: SourceRecord[] = [];
  try {
    for await (const text of readTextBlocks(path, encoding)) {
      parser.feed(text);
      while (parser.take(batch, batchRows, false)) {
        yield batch;
        batch = [];
      }
    }
    while (parser.take(batch, batchRows, true)) {
      yield batch;
      batch = [];
    }
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
  }
  if (batch.length > 0) yield batch;
}
