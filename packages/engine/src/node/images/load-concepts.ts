import { readFile } from "node:fs/promises";
import { EngineError } from "../../errors/engine-error";

/**
 * Concept names from a text file: one per line, blank lines and `#` comments skipped. An empty
 * list or a duplicate is an INVALID_ARGUMENT error naming the file (and the line).
 *
 * @example
 * await loadConcepts("concepts.txt"); // ["water", "land", "bird with webbed feet"]
 */
export async function loadConcepts(path: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new EngineError("DATASET_READ", `${path}: cannot read concepts (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, {
      file: path,
    });
  }
  const concepts: string[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const first = seen.get(line);
    if (first !== undefined)
      throw new EngineError("INVALID_ARGUMENT", `${path} line ${i + 1}: duplicate concept "${line}" (first on line ${first})`, { file: path, line: i + 1 });
    seen.set(line, i + 1);
    concepts.push(line);
  });
  if (concepts.length === 0)
    throw new EngineError("INVALID_ARGUMENT", `${path}: no concepts (one per line; blank lines and # comments are skipped)`, { file: path });
  return concepts;
}
