import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Writes text to a temporary sibling file and renames it over `path`: readers never see a partial
 * file, and a failure leaves nothing behind.
 *
 * @example
 * await writeTextAtomic("labels.csv", "id,label\r\n");
 */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
