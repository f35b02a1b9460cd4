import { open } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { SourceRecord } from "../../datasets/map-records";
import { EngineError } from "../../errors/engine-error";

/**
 * Streams a JSON Lines file: one JSON object per line, blank lines skipped, a UTF-8 BOM
 * stripped. Errors are DATASET_PARSE naming the file and line.
 *
 * @example
 * for await (const { line, values } of readJsonl("data.jsonl")) console.log(line, values.text);
 */
export async function* readJsonl(path: string): AsyncGenerator<SourceRecord> {
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
  }
  const input = handle.createReadStream({ encoding: "utf8" });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  let records = 0;
  try {
    for await (const raw of lines) {
      lineNumber++;
      const text = (lineNumber === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw).trim();
      if (text === "") continue;
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
      records++;
      yield { line: lineNumber, values: value as Record<string, unknown> };
    }
  } catch (error) {
    if (error instanceof EngineError) throw error;
    throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
  } finally {
    lines.close();
    input.destroy();
    await handle.close().catch(() => undefined);
  }
  if (records === 0) throw new EngineError("DATASET_PARSE", `${path} is empty: no JSON objects`, { file: path });
}
