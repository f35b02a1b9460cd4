import { InvalidArgumentError, Option, type Command } from "commander";
import { parseInteger } from "./data-options";

export interface ImageFlags {
  readonly clipModel?: string;
  readonly concepts?: string;
  readonly labels?: string;
  readonly features: "embeddings" | "scores" | "both";
  readonly insights?: string;
  readonly roboshot?: boolean;
  readonly boost: number;
  readonly groupField?: string;
  readonly template: string;
  /** A folder, or false with --no-embedding-cache. */
  readonly embeddingCache?: string | false;
  readonly batchSize: number;
}

function parseBoost(value: string): number {
  const x = Number(value);
  if (value.trim() === "" || !Number.isFinite(x) || x < 1 || x > 100) throw new InvalidArgumentError(`expected a number in 1..100, got "${value}"`);
  return x;
}

/**
 * Adds the image-task flags of `run` (a task with `kind: image`, or any run with --clip-model).
 *
 * @example
 * addImageOptions(program.command("run")); // --clip-model DIR --concepts FILE --features both --group-field place
 */
export function addImageOptions(command: Command): Command {
  return command
    .option("--clip-model <dir>", "image tasks: CLIP model folder (image_encoder.onnx, text_encoder.onnx, tokenizer, config.json)")
    .option("--concepts <file>", "image tasks: visual concepts, one per line (default: asked from the LLM with --provider)")
    .option("--labels <file>", "image tasks: CSV/JSONL of path,label,split (default: labels.csv or labels.jsonl in the image folder)")
    .addOption(new Option("--features <kind>", "image tasks: what the distilled model reads").choices(["embeddings", "scores", "both"]).default("embeddings"))
    .option(
      "--insights <file>",
      'image tasks: RoboShot insights, JSON {"harmful": [["a", "b"]], "helpful": [["c", "d"]]}: harmful directions projected out, helpful boosted',
    )
    .option("--roboshot", "image tasks: ask the LLM (--provider) for the RoboShot insights")
    .option("--boost <x>", "image tasks: factor on the helpful directions' components", parseBoost, 2)
    .option("--group-field <field>", "report test accuracy per (class, group) and the worst group, e.g. place")
    .option("--template <text>", "image tasks: prompt per concept; {} is replaced by the concept", "a photo of {}.")
    .option("--embedding-cache <dir>", "image tasks: embedding cache folder (default ~/.cache/alchemist/clip-embeddings)")
    .option("--no-embedding-cache", "image tasks: embed every image again")
    .option("--batch-size <n>", "image tasks: images per ONNX call", parseInteger, 16);
}
