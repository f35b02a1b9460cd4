import { mkdir } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import { openSafeZip, type ZipLimits } from "../datasets/safe-zip";
import { EngineError } from "../../errors/engine-error";
import { IMAGE_EXTENSIONS } from "./list-images";

/** Image zips hold many small files that barely compress: more entries, the same ratio guard. */
export const IMAGE_ZIP_LIMITS: ZipLimits = { maxEntries: 200_000, maxEntryBytes: 64 * 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024 * 1024, maxRatio: 200 };

/** Names of the label file `readImageDataset` looks for at the dataset's root. */
export const IMAGE_MANIFEST_NAMES = ["labels.csv", "labels.jsonl", "labels.tsv", "metadata.csv", "metadata.jsonl", "manifest.csv", "manifest.jsonl"];

/**
 * Extracts an image dataset zip into `dest` with the safe-zip guards (entry count, inflated bytes
 * counted while inflating, ratio, no `..`/absolute names, links, encrypted or nested archives):
 * every image (by extension) and the label file, skipping anything else (`__MACOSX/`, dot files).
 * A zip whose files all sit in one top folder returns that folder. Returns the dataset root.
 *
 * @example
 * const root = await extractImageZip("/uploads/birds.zip", "/tmp/birds", { source: "birds.zip" });
 * const dataset = await readImageDataset(root, { classNames, seed: 1 });
 */
export async function extractImageZip(path: string, dest: string, options: { source: string; limits?: Partial<ZipLimits> }): Promise<string> {
  const { source } = options;
  const zip = await openSafeZip(path, { source, limits: { ...IMAGE_ZIP_LIMITS, ...options.limits }, nestedHint: "zip the image folder itself, once" });
  try {
    const wanted = zip.entries.filter((entry) => {
      const name = entry.fileName;
      if (name.endsWith("/") || name.startsWith("__MACOSX/") || name.split("/").some((part) => part.startsWith("."))) return false;
      const base = name.slice(name.lastIndexOf("/") + 1).toLowerCase();
      return IMAGE_EXTENSIONS.includes(extname(base)) || IMAGE_MANIFEST_NAMES.includes(base);
    });
    if (!wanted.some((entry) => IMAGE_EXTENSIONS.includes(extname(entry.fileName).toLowerCase()))) {
      throw new EngineError("DATASET_PARSE", `${source}: no images inside (looked for ${IMAGE_EXTENSIONS.join(" ")})`, { file: source });
    }
    const tops = new Set(wanted.map((entry) => (entry.fileName.includes("/") ? entry.fileName.slice(0, entry.fileName.indexOf("/")) : "")));
    const [top] = tops;
    for (const entry of wanted) {
      const file = join(dest, entry.fileName);
      await mkdir(dirname(file), { recursive: true });
      await zip.extract(entry, file);
    }
    return tops.size === 1 && top !== "" ? join(dest, top!) : dest;
  } finally {
    zip.close();
  }
}
