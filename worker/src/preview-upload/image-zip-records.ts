import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SourceRecord } from "@alchemist/engine";
import { extractImageZip, IMAGE_MANIFEST_NAMES, listImages, readRecordBatches } from "@alchemist/engine/node";

/**
 * An image zip's rows for the upload preview: extracted with the image zip guards into a temp
 * folder (removed when the reading stops), then its label file's records (`path,label,split,...`),
 * or one `{path}` record per picture (with its folder as `label`) without one. `found.images`
 * gets the number of pictures.
 *
 * @example
 * for await (const record of imageZipRecords(path, "shapes.zip", found)) ...
 */
export async function* imageZipRecords(path: string, fileName: string, found: { images: number }): AsyncGenerator<SourceRecord> {
  const temp = await mkdtemp(join(tmpdir(), "alchemist-image-preview-"));
  try {
    const root = await extractImageZip(path, join(temp, "dataset"), { source: fileName });
    const images = await listImages(root);
    found.images = images.length;
    let manifest: string | null = null;
    for (const name of IMAGE_MANIFEST_NAMES) if (!manifest && (await stat(join(root, name)).catch(() => undefined))?.isFile()) manifest = join(root, name);
    if (manifest) {
      for await (const batch of readRecordBatches(manifest)) yield* batch.map((record) => ({ ...record, values: record.values }));
      return;
    }
    let line = 0;
    for (const image of images) {
      const folders = image.id.split("/").slice(0, -1);
      yield { line: ++line, values: { path: image.id, label: folders.at(-1) ?? "" } };
    }
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
