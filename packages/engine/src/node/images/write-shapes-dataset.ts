import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import sharp from "sharp";
import type { Split } from "../../core/dataset";
import { EngineError } from "../../errors/engine-error";
import { renderShape, type ShapeKind, type ShapePlace } from "../../images/render-shape";
import { createRng } from "../../random/create-rng";
import { randomShapeSpec } from "./write-shapes-clip-model";

export interface ShapesDatasetOptions {
  /** Pictures in all; default 320 (60% train, 15% dev, 25% test). */
  readonly n?: number;
  readonly seed?: number;
  /** Side of the written pictures in pixels (CLIP preprocessing resizes them); default 160. */
  readonly side?: number;
  /** Train and dev: share of circles on water and squares on grass; test is balanced. Default 0.9. */
  readonly correlation?: number;
}

const FORMATS = ["png", "jpg", "webp"] as const;

/**
 * Writes the shapes-world image set: `images/<class>/<n>.<png|jpg|webp>` plus `labels.csv` with
 * `path,label,split,place`. In train and dev the background goes with the class (`correlation`),
 * in test every (class, place) group is equally likely, so worst-group accuracy shows a model
 * that learned the background. Seeded: the same options write the same bytes.
 *
 * @example
 * await writeShapesDataset("/tmp/shapes", { n: 320, seed: 1 }); // 320 pictures + labels.csv
 */
export async function writeShapesDataset(dir: string, options: ShapesDatasetOptions = {}): Promise<{ rows: number; manifest: string }> {
  const { n = 320, seed = 1, side = 160, correlation = 0.9 } = options;
  if (!Number.isInteger(n) || n < 20) throw new EngineError("INVALID_ARGUMENT", `shapes dataset: n must be an integer >= 20, got ${n}`);
  if (!(correlation >= 0 && correlation <= 1)) throw new EngineError("INVALID_ARGUMENT", `shapes dataset: correlation must be in 0..1, got ${correlation}`);
  const rng = createRng(seed);
  const lines = ["path,label,split,place"];
  await mkdir(join(dir, "images", "circle"), { recursive: true });
  await mkdir(join(dir, "images", "square"), { recursive: true });
  for (let i = 0; i < n; i++) {
    const split: Split = i < n * 0.6 ? "train" : i < n * 0.75 ? "dev" : "test";
    const shape: ShapeKind = i % 2 === 0 ? "circle" : "square";
    const usual: ShapePlace = shape === "circle" ? "water" : "land";
    const other: ShapePlace = usual === "water" ? "land" : "water";
    const place = split === "test" ? (Math.floor(i / 2) % 2 === 0 ? usual : other) : rng() < correlation ? usual : other;
    const spec = randomShapeSpec(rng, { shape, place });
    const format = FORMATS[i % FORMATS.length]!;
    const path = `images/${shape}/${String(i).padStart(4, "0")}.${format}`;
    const image = sharp(Buffer.from(renderShape(spec, side)), { raw: { width: side, height: side, channels: 3 } });
    const encoded = format === "png" ? image.png() : format === "jpg" ? image.jpeg({ quality: 90 }) : image.webp({ quality: 90 });
    await encoded.toFile(join(dir, path));
    lines.push(`${path},${shape},${split},${place}`);
  }
  await writeFile(join(dir, "labels.csv"), lines.join("\n") + "\n");
  return { rows: n, manifest: join(dir, "labels.csv") };
}
