import { open } from "node:fs/promises";
import type { SourceRecord } from "../../datasets/map-records";
import { jsonNestingDepth } from "../../datasets/json-nesting-depth";
import { DEFAULT_READING_LIMITS, type ReadingLimits } from "../../datasets/reading-limits";
import { EngineError } from "../../errors/engine-error";
import { decodeText, type TextEncoding } from "./decode-text";

export interface ReadJsonlOptions {
  /** Default `auto`: UTF-8 (validated), or UTF-16 when the file starts with its BOM. */
  readonly encoding?: TextEncoding;
  readonly limits?: Partial<ReadingLimits>;
}

/** Lines of decoded text; a line longer than `max` characters fails before it is buffered whole. */
async function* lines(texts: AsyncIterable<string>, max: number, source: string): AsyncGenerator<string> {
  const tooLong = (at: number) =>
    new EngineError("DATASET_PARSE", `${source} line ${at}: the line is longer than the limit of ${max} characters (a binary file, or raise the field size limit)`, { file: source, line: at });
  let pending = "";
  let number = 0;
  for await (const text of texts) {
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      number++;
      const line = pending + text.slice(start, end);
      if (line.length > max) throw tooLong(number);
      pending = "";
      yield line.endsWith("\r") ? line.slice(0, -1) : line;
      start = end + 1;
    }
    pending += text.slice(start);
    if (pending.length > max) throw tooLong(number + 1);
  }
  if (pending !== "") yield pending.endsWith("\r") ? pending.slice(0, -1) : pending;
}

/**
 * Streams a JSON Lines file: one JSON object per line, blank lines skipped, a UTF-8 BOM
 * stripped. The bytes pass through `decodeText` (binary and invalid UTF-8 are refused with a
 * byte offset); lines past `limits.maxFieldChars` and objects nested deeper than
 * `limits.maxJsonDepth` fail. Errors are DATASET_PARSE naming the file and line.
 *
 * @example
 * for await (const { line, values } of readJsonl("data.jsonl")) console.log(line, values.text);
 */
export async function* readJsonl(path: string, options: ReadJsonlOptions = {}): AsyncGenerator<SourceRecord> {
  const { maxFieldChars, maxJsonDepth, maxColumns } = { ...DEFAULT_READING_LIMITS, ...options.limits };
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
  }
  const input = handle.createReadStream();
  let lineNumber = 0;
  let records = 0;
  try {
    for await (const raw of lines(decodeText(input, { source: path, encoding: options.encoding ?? "auto" }), maxFieldChars, path)) {
      lineNumber++;
      const text = raw.trim();
      if (text === "") continue;
      const depth = jsonNestingDepth(text);
      if (depth > maxJsonDepth) {
        throw new EngineError("DATASET_PARSE", `${path} line ${lineNumber}: JSON nested ${depth} levels deep; the limit is ${maxJsonDepth}`, { file: path, line: lineNumber });
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        throw new EngineError("DATASET_PARSE", `${path} line ${lineNumber}: not valid JSON: ${(error as Error).message}`, { file: path, line: lineNumber });
      }
      if (value === null || typeof value !== "object" || Array.isArray(value)) {
        const kind = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
        throw new EngineError("DATASET_PARSE", `${path} line ${lineNumber}: expected a JSON object, got ${kind}`, { file: path, line: lineNumber });
      }
      const keys = Object.keys(value).length;
      if (keys > maxColumns) throw new EngineError("DATASET_PARSE", `${path} line ${lineNumber}: the object has ${keys} keys; the limit is ${maxColumns}`, { file: path, line: lineNumber });
      records++;
      yield { line: lineNumber, values: value as Record<string, unknown> };
    }
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
  } finally {
    input.destroy();
    await handle.close().catch(() => undefined);
  }
  if (records === 0) throw new EngineError("DATASET_PARSE", `${path} is empty: no JSON objects`, { file: path });
}
