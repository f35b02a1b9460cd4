import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { listImages, loadClipModel, loadConcepts, scoreImageConcepts } from "@alchemist/engine/node";
import { progressFor, type CliContext } from "../cli-context";

export interface ConceptsOptions {
  images: string;
  concepts: string;
  clipModel: string;
  out: string;
  calibrateSpurious?: string;
  template: string;
  batchSize: number;
  embeddingsOut?: string;
}

/** Writes every file to a temp sibling first and renames only when all are written: no partial output. */
async function writeAllAtomic(files: ReadonlyArray<readonly [string, string]>): Promise<void> {
  const temps = files.map(([path]) => join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now().toString(36)}`));
  try {
    for (const [i, [path, text]] of files.entries()) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(temps[i]!, text);
    }
    for (const [i, [path]] of files.entries()) await rename(temps[i]!, path);
  } finally {
    await Promise.all(temps.map((temp) => rm(temp, { force: true })));
  }
}

/**
 * What `alchemist concepts` does once its flags are parsed (loaded lazily by `commands/concepts.ts`):
 * CLIP scores of every image on every concept, written as JSON lines.
 *
 * @example
 * await conceptsAction({ images: "photos/", concepts: "c.txt", clipModel: "clip/", out: "s.jsonl", template: "a photo of {}.", batchSize: 16 }, ctx);
 */
export async function conceptsAction(options: ConceptsOptions, ctx: CliContext): Promise<void> {
  const progress = progressFor(ctx);
  const concepts = await loadConcepts(options.concepts);
  const spurious = options.calibrateSpurious ? await loadConcepts(options.calibrateSpurious) : undefined;
  const images = await listImages(options.images);
  const clip = await loadClipModel(options.clipModel);
  try {
    progress.onStage({ stage: "features", done: 0, total: images.length });
    const result = await scoreImageConcepts(clip, images, concepts, {
      template: options.template,
      batchSize: options.batchSize,
      signal: ctx.signal,
      onProgress: (p) => progress.onStage({ stage: "features", ...p }),
      ...(spurious ? { spurious } : {}),
    });
    progress.stop();
    const lines = (values: unknown[]): string => values.map((v) => JSON.stringify(v)).join("\n") + "\n";
    const files: Array<[string, string]> = [[options.out, lines(result.records)]];
    if (options.embeddingsOut) {
      const { cols, values } = result.imageEmbeddings;
      files.push([options.embeddingsOut, lines(images.map((image, i) => ({ id: image.id, embedding: [...values.subarray(i * cols, (i + 1) * cols)] })))]);
    }
    await writeAllAtomic(files);
    const calibrated = spurious ? `, ${spurious.length} spurious direction${spurious.length === 1 ? "" : "s"} projected out` : "";
    process.stdout.write(`wrote ${options.out}: ${images.length} images x ${concepts.length} concepts${calibrated}\n`);
  } finally {
    progress.stop();
    await clip.close();
  }
}
