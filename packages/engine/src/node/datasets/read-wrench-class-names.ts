import { readFile } from "node:fs/promises";
import { EngineError } from "../../errors/engine-error";

/**
 * Reads a WRENCH `label.json` (`{"0": "ham", "1": "spam"}`) into class names in index order;
 * the indices must be exactly 0..k-1 with k >= 2.
 *
 * @example
 * await readWrenchClassNames("datasets/sms/label.json"); // ["ham", "spam"]
 */
export async function readWrenchClassNames(path: string): Promise<string[]> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    const code = error instanceof SyntaxError ? "DATASET_PARSE" : "DATASET_READ";
    throw new EngineError(code, `cannot read the WRENCH class names in ${path}: ${(error as Error).message}`, { file: path });
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new EngineError("DATASET_PARSE", `${path}: expected {"0": "<class name>", "1": ...}`, { file: path });
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const names: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const name = (value as Record<string, unknown>)[String(i)];
    if (typeof name !== "string" || name.trim() === "") {
      throw new EngineError("DATASET_PARSE", `${path}: class ${i} has no name; expected indices 0..${entries.length - 1} mapped to names`, { file: path });
    }
    names.push(name);
  }
  if (names.length < 2) throw new EngineError("DATASET_PARSE", `${path}: needs at least 2 classes, got ${names.length}`, { file: path });
  if (new Set(names).size !== names.length) throw new EngineError("DATASET_PARSE", `${path}: class names repeat: ${names.join(", ")}`, { file: path });
  return names;
}
