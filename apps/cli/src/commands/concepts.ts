import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Command } from "commander";
import { listImages, loadClipModel, loadConcepts, scoreImageConcepts } from "@alchemist/engine/node";
import { progressFor, type CliContext } from "../cli-context";
import { parseInteger } from "../data-options";

interface ConceptsOptions {
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
 * `alchemist concepts`: scores every image under `--images` on every concept with a CLIP model
 * folder and writes one `{"id", "file", "scores": {concept: score}}` JSON line per image — the
 * program input of image tasks. `--calibrate-spurious` projects out spurious concepts (RoboShot).
 *
 * @example
 * registerConcepts(program, ctx); // alchemist concepts --images photos/ --concepts c.txt --clip-model clip/ --out scores.jsonl
 */
export function registerConcepts(program: Command, ctx: CliContext): void {
  program
    .command("concepts")
    .description("score images on concepts with CLIP and write {id, file, scores} JSON lines")
    .requiredOption("--images <dir>", "folder of images (png, jpg, webp, gif, tiff, avif; searched recursively)")
    .requiredOption("--concepts <file>", "concepts, one per line (# comments)")
    .requiredOption("--clip-model <dir>", "CLIP model folder: image_encoder.onnx, text_encoder.onnx, tokenizer, config.json")
    .requiredOption("--out <file>", "output JSONL file")
    .option("--calibrate-spurious <file>", 'spurious concepts to project out (RoboShot), one per line; "a | b" means the direction a - b')
    .option("--template <text>", "prompt per concept; {} is replaced by the concept", "a photo of {}.")
    .option("--batch-size <n>", "images per ONNX call", parseInteger, 16)
    .option("--embeddings-out <file>", 'also write {"id", "embedding": [...]} lines (raw CLIP image embeddings, MLP features)')
    .action(async (options: ConceptsOptions) => {
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
    });
}
