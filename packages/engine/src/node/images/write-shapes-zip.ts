import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import yazl from "yazl";
import { writeShapesDataset, type ShapesDatasetOptions } from "./write-shapes-dataset";

/**
 * The shapes-world image set (`writeShapesDataset`) as one zip, the way a user uploads an image
 * dataset to the studio: `shapes/images/<class>/<n>.<ext>` plus `shapes/labels.csv`. Seeded.
 *
 * @example
 * await writeShapesZip("/tmp/shapes.zip", { n: 40, seed: 3 });
 */
export async function writeShapesZip(file: string, options: ShapesDatasetOptions = {}): Promise<{ rows: number }> {
  const dir = await mkdtemp(join(tmpdir(), "alchemist-shapes-zip-"));
  try {
    const { rows } = await writeShapesDataset(dir, options);
    const zip = new yazl.ZipFile();
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name))
      .sort();
    for (const path of files) zip.addBuffer(await readFile(path), `shapes/${relative(dir, path).split(sep).join("/")}`);
    zip.end();
    const bytes = await new Promise<Buffer>((resolve, reject) => {
      const parts: Buffer[] = [];
      zip.outputStream
        .on("data", (c: Buffer) => parts.push(c))
        .on("end", () => resolve(Buffer.concat(parts)))
        .on("error", reject);
    });
    await writeFile(file, bytes);
    return { rows };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
