import { readdir, stat } from "node:fs/promises";
import { extname, join, relative, sep } from "node:path";
import { EngineError } from "../../errors/engine-error";

/** File extensions sharp decodes out of the box. */
export const IMAGE_EXTENSIONS = [".png", ".jpg", ".jpeg", ".webp", ".gif", ".tif", ".tiff", ".avif"];

/** One image of a folder: `id` is its path relative to the folder (with `/`), `file` the path to open. */
export interface ImageFile {
  readonly id: string;
  readonly file: string;
}

/**
 * Every image under `dir` (recursively, by extension, case-insensitive), sorted by id so ids and
 * row order are stable. A missing folder, a file, or a folder without images is DATASET_READ.
 *
 * @example
 * await listImages("photos"); // [{ id: "cats/1.jpg", file: "photos/cats/1.jpg" }, ...]
 */
export async function listImages(dir: string): Promise<ImageFile[]> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new EngineError("DATASET_READ", `${dir}: image folder does not exist`, { file: dir });
  if (!info.isDirectory()) throw new EngineError("DATASET_READ", `${dir}: is not a folder (--images takes a folder of images)`, { file: dir });
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const images = entries
    .filter((entry) => entry.isFile() && IMAGE_EXTENSIONS.includes(extname(entry.name).toLowerCase()))
    .map((entry) => {
      const file = join(entry.parentPath, entry.name);
      return { id: relative(dir, file).split(sep).join("/"), file };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (images.length === 0) {
    throw new EngineError("DATASET_READ", `${dir}: no images found (looked for ${IMAGE_EXTENSIONS.join(" ")})`, { file: dir });
  }
  return images;
}
