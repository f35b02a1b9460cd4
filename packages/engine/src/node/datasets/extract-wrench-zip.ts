import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Entry } from "yauzl";
import { EngineError } from "../../errors/engine-error";
import { openSafeZip, type ZipLimits } from "./safe-zip";

export { DEFAULT_ZIP_LIMITS, type ZipLimits } from "./safe-zip";

const WRENCH_FILES = new Set(["train.json", "valid.json", "test.json", "label.json"]);

const fail = (message: string, source: string) => new EngineError("DATASET_PARSE", `${source}: ${message}`, { file: source });

/** Picks the one folder of the zip that holds train.json: the root or a single subfolder. */
function wrenchFolder(entries: readonly Entry[], source: string): string {
  const folders = entries.filter((e) => /(^|\/)train\.json$/.test(e.fileName)).map((e) => e.fileName.slice(0, -"train.json".length));
  if (folders.length === 0) throw fail("no train.json inside; a WRENCH dataset zip holds train.json (and valid.json, test.json, label.json)", source);
  if (folders.length > 1) throw fail(`${folders.length} train.json files (${folders.join(", ")}); zip one WRENCH dataset at a time`, source);
  return folders[0]!;
}

/**
 * Extracts the WRENCH dataset files (train/valid/test/label.json) of an uploaded zip into
 * `dest`, safely: entry count, per-entry and total inflated bytes and the compression ratio are
 * counted while inflating (never trusted from headers); `..`/absolute names, symbolic links,
 * encrypted entries, nested archives and overlapping entries are refused. Returns the folder to
 * read with `readWrench`.
 *
 * @example
 * const dir = await extractWrenchZip("/uploads/x.zip", "/tmp/x", { source: "youtube.zip" });
 * const dataset = await readWrench(dir);
 */
export async function extractWrenchZip(path: string, dest: string, options: { source: string; limits?: Partial<ZipLimits> }): Promise<string> {
  const { source } = options;
  const zip = await openSafeZip(path, { source, ...(options.limits ? { limits: options.limits } : {}), nestedHint: "zip the WRENCH folder itself, once" });
  try {
    const folder = wrenchFolder(zip.entries, source);
    await mkdir(dest, { recursive: true });
    for (const entry of zip.entries) {
      const name = entry.fileName.slice(folder.length);
      if (!entry.fileName.startsWith(folder) || !WRENCH_FILES.has(name)) continue;
      await zip.extract(entry, join(dest, name));
    }
    return dest;
  } finally {
    zip.close();
  }
}
