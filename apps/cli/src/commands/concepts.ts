import type { Command } from "commander";
import type { ConceptsOptions } from "../actions/concepts-action";
import type { CliContext } from "../cli-context";
import { parseInteger } from "../data-options";

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
    .action(async (options: ConceptsOptions) => (await import("../actions/concepts-action")).conceptsAction(options, ctx));
}
