import { InvalidArgumentError, type Command } from "commander";
import { EngineError } from "@alchemist/engine";
import type { PipelineOptions } from "@alchemist/engine/node";
import { parseInteger } from "./data-options";

export interface ModelFlags {
  readonly keepUncovered?: boolean;
  readonly hidden?: number[];
  readonly featuresDim?: number;
  readonly charNgrams?: [number, number];
  readonly epochs?: number;
  readonly encoderModel?: string;
  readonly encoderTokenizer?: string;
}

function parseSizes(value: string): number[] {
  const sizes = value.split(",").map((s) => s.trim());
  if (sizes.length === 0 || sizes.some((s) => !/^\d+$/.test(s) || Number(s) < 1))
    throw new InvalidArgumentError(`expected positive integers separated by commas, e.g. 32,32; got "${value}"`);
  return sizes.map(Number);
}

function parseRange(value: string): [number, number] {
  const match = /^(\d+)-(\d+)$/.exec(value.trim());
  if (!match || Number(match[1]) < 1 || Number(match[2]) < Number(match[1]))
    throw new InvalidArgumentError(`expected MIN-MAX with 1 <= MIN <= MAX, e.g. 2-4; got "${value}"`);
  return [Number(match[1]), Number(match[2])];
}

/**
 * Adds the distilled-model flags shared by `run` and `demo`.
 *
 * @example
 * addModelOptions(program.command("run")); // --keep-uncovered --hidden 64,32 --features-dim 32768
 */
export function addModelOptions(command: Command): Command {
  return command
    .option("--keep-uncovered", "also train the MLP on train rows no program voted on (default: drop them, as the paper's code does)")
    .option("--hidden <sizes>", "MLP hidden layer sizes, comma-separated (default 32,32)", parseSizes)
    .option("--features-dim <n>", "TF-IDF hash buckets (default 65536 = 2^16)", parseInteger)
    .option("--char-ngrams <min-max>", "add character n-grams within words, e.g. 2-4 (default: word 1-2 grams only)", parseRange)
    .option("--epochs <n>", "maximum MLP epochs (default 30; early stopping on dev)", parseInteger)
    .option("--encoder-model <file>", "ONNX sentence encoder (input_ids, attention_mask) whose embeddings join the features")
    .option("--encoder-tokenizer <file>", "its WordPiece vocab.txt or tokenizer.json (required with --encoder-model)");
}

/**
 * The pipeline options the model flags ask for.
 *
 * @example
 * runPipeline({ ...inputs, ...modelPipelineOptions(options) });
 */
export function modelPipelineOptions(flags: ModelFlags): Pick<PipelineOptions, "keepUncovered" | "hidden" | "features" | "epochs" | "encoder"> {
  if ((flags.encoderModel === undefined) !== (flags.encoderTokenizer === undefined)) {
    throw new EngineError("INVALID_ARGUMENT", "--encoder-model and --encoder-tokenizer go together");
  }
  const tfidf = { ...(flags.featuresDim !== undefined ? { dimension: flags.featuresDim } : {}), ...(flags.charNgrams ? { charNgrams: flags.charNgrams } : {}) };
  return {
    ...(flags.keepUncovered ? { keepUncovered: true } : {}),
    ...(flags.hidden ? { hidden: flags.hidden } : {}),
    ...(Object.keys(tfidf).length > 0 ? { features: { tfidf } } : {}),
    ...(flags.epochs !== undefined ? { epochs: flags.epochs } : {}),
    ...(flags.encoderModel !== undefined && flags.encoderTokenizer !== undefined
      ? { encoder: { model: flags.encoderModel, tokenizer: flags.encoderTokenizer } }
      : {}),
  };
}
