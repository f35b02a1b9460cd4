import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes JSON to a temporary sibling file and renames it over `path`, so readers never see a
 * partial file and a failure leaves nothing behind.
 *
 * @example
 * await writeJsonAtomic("L.json", { programs: ["a"], L: [[0]] });
 */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, JSON.stringify(value) + "\n");
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
