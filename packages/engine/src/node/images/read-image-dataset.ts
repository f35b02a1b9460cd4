import { mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, extname, join, resolve } from "node:path";
import type { Dataset, DataRow, Split } from "../../core/dataset";
import { assignSplits } from "../../datasets/assign-splits";
import { mapRecords, type SourceRecord } from "../../datasets/map-records";
import { parseSplit } from "../../datasets/parse-split";
import { EngineError } from "../../errors/engine-error";
import { readRecordBatches } from "../datasets/read-record-batches";
import { extractImageZip, IMAGE_MANIFEST_NAMES } from "./extract-image-zip";
import { listImages } from "./list-images";

export interface ReadImageDatasetOptions {
  /** Class names in index order (the task's). */
  readonly classNames: readonly string[];
  /** Seeds the 70/10/20 split of rows that have no split. */
  readonly seed: number;
  /** A CSV/TSV/JSONL of `path,label,split` (+ any other columns); default: `labels.csv` (or `.jsonl`, `metadata.csv`, ...) at the root, if there is one. */
  readonly manifest?: string;
  /** Where a zip is extracted; default a new temp folder. */
  readonly extractTo?: string;
}

/** An image dataset: rows with `fields.path` (relative to `root`), gold and split; `files[i]` opens row i. */
export interface ImageDataset extends Dataset {
  readonly root: string;
  readonly files: readonly string[];
  /** The label file read, or null (labels and splits then come from folder names). */
  readonly manifest: string | null;
  /** Images under the root that the label file does not list (left out). */
  readonly unlisted: number;
}

async function findManifest(root: string): Promise<string | null> {
  for (const name of IMAGE_MANIFEST_NAMES) {
    const file = join(root, name);
    if ((await stat(file).catch(() => undefined))?.isFile()) return file;
  }
  return null;
}

/** Without a label file: a folder named like a class gives the gold label, one named train/dev/valid/test the split. */
function rowsFromFolders(ids: readonly string[], classNames: readonly string[], seed: number): DataRow[] {
  const seeded = assignSplits(ids.length, seed);
  return ids.map((id, i) => {
    const folders = id.split("/").slice(0, -1);
    const split = folders.map(parseSplit).find((s): s is Split => s !== undefined);
    const gold = folders.map((f) => classNames.findIndex((c) => c.toLowerCase() === f.toLowerCase())).find((g) => g >= 0);
    return { id, fields: { path: id }, split: split ?? seeded[i]!, ...(gold !== undefined ? { gold } : {}) };
  });
}

async function rowsFromManifest(manifest: string, classNames: readonly string[], seed: number): Promise<DataRow[]> {
  const records: SourceRecord[] = [];
  for await (const batch of readRecordBatches(manifest)) records.push(...batch);
  const columns = Object.keys(records[0]?.values ?? {});
  if (!columns.includes("path"))
    throw new EngineError("FIELD_NOT_FOUND", `${manifest}: needs a "path" column (the image's path under the dataset folder); columns: ${columns.join(", ")}`, {
      file: manifest,
    });
  const normalised = records.map((r) => ({
    ...r,
    values: {
      ...r.values,
      path: String(r.values.path ?? "")
        .trim()
        .replace(/^\.\//, ""),
    },
  }));
  return mapRecords(normalised, {
    source: manifest,
    classNames,
    seed,
    mapping: { input: "path", id: "path", ...(columns.includes("label") ? { label: "label" } : {}), ...(columns.includes("split") ? { split: "split" } : {}) },
  });
}

/**
 * Reads an image dataset: a folder (or a `.zip` of one, extracted safely) of PNG/JPEG/WebP/...
 * pictures plus an optional label file of `path,label,split` rows (extra columns, e.g. a group
 * such as `place`, stay row fields). With a label file its rows are the dataset and every path
 * must exist; without one, every image is a row, labelled by a folder named like a class and split
 * by a folder named train/dev/test (else a seeded 70/10/20 split). Row ids are the paths.
 *
 * @example
 * const ds = await readImageDataset("birds/", { classNames: ["landbird", "waterbird"], seed: 42 });
 * ds.rows[0]; // { id: "images/0001.jpg", fields: { path: "images/0001.jpg", place: "water" }, gold: 1, split: "train" }
 */
export async function readImageDataset(path: string, options: ReadImageDatasetOptions): Promise<ImageDataset> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new EngineError("DATASET_READ", `${path}: image dataset does not exist (a folder of images or a .zip of one)`, { file: path });
  const isZip = info.isFile() && extname(path).toLowerCase() === ".zip";
  if (!info.isDirectory() && !isZip) throw new EngineError("DATASET_READ", `${path}: an image dataset is a folder of images or a .zip of one`, { file: path });
  const root = isZip ? await extractImageZip(path, options.extractTo ?? (await mkdtemp(join(tmpdir(), "alchemist-images-"))), { source: path }) : path;
  const images = await listImages(root);
  const byId = new Map(images.map((image) => [image.id, image.file]));
  const manifest = options.manifest !== undefined ? resolve(options.manifest) : await findManifest(root);
  const rows = manifest
    ? await rowsFromManifest(manifest, options.classNames, options.seed)
    : rowsFromFolders(
        images.map((i) => i.id),
        options.classNames,
        options.seed,
      );
  const files = rows.map((row) => {
    const file = byId.get(row.id);
    if (!file) throw new EngineError("DATASET_READ", `${manifest}: lists ${row.id}, which is not an image under ${root}`, { file: manifest });
    return file;
  });
  const name = basename(resolve(path), isZip ? ".zip" : "");
  return { name, rows, classNames: options.classNames, root, files, manifest, unlisted: images.length - rows.length };
}
