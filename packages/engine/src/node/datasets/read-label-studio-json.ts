import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { jsonNestingDepth } from "../../datasets/json-nesting-depth";
import { DEFAULT_READING_LIMITS, type ReadingLimits } from "../../datasets/reading-limits";
import type { TextEncoding } from "../../datasets/text-encoding";
import { EngineError } from "../../errors/engine-error";
import { decodeText } from "./decode-text";

/** Largest Label Studio export read: the JSON is one value, parsed whole. */
export const LABEL_STUDIO_MAX_BYTES = 256 * 1024 * 1024;

/**
 * The parsed JSON of a Label Studio export: the bytes go through `decodeText` (binary and
 * invalid UTF-8 refused), the file is refused past `LABEL_STUDIO_MAX_BYTES` and JSON nested past
 * `limits.maxJsonDepth` before it is parsed. Errors name the file.
 *
 * @example
 * const tasks = await readLabelStudioJson("export.json");
 */
export async function readLabelStudioJson(path: string, options: { encoding?: TextEncoding; limits?: Partial<ReadingLimits> } = {}): Promise<unknown> {
  const limits = { ...DEFAULT_READING_LIMITS, ...options.limits };
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
  }
  if (size > LABEL_STUDIO_MAX_BYTES)
    throw new EngineError(
      "DATASET_PARSE",
      `${path} is ${(size / 2 ** 20).toFixed(0)} MiB; a Label Studio export is read whole, up to ${LABEL_STUDIO_MAX_BYTES / 2 ** 20} MiB (export fewer tasks per file)`,
      { file: path },
    );
  const parts: string[] = [];
  for await (const text of decodeText(createReadStream(path), { source: path, ...(options.encoding ? { encoding: options.encoding } : {}) })) parts.push(text);
  const text = parts.join("");
  if (text.trim() === "") throw new EngineError("DATASET_PARSE", `${path} is empty: no Label Studio tasks`, { file: path });
  const depth = jsonNestingDepth(text);
  if (depth > limits.maxJsonDepth)
    throw new EngineError("DATASET_PARSE", `${path}: JSON nested ${depth} levels deep; the limit is ${limits.maxJsonDepth}`, { file: path });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new EngineError("DATASET_PARSE", `${path}: not valid JSON: ${(error as Error).message}`, { file: path });
  }
  return value;
}
