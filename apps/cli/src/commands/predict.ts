import { readFile } from "node:fs/promises";
import type { Command } from "commander";
import { EngineError, readModelSpec } from "@alchemist/engine";
import { labelsCsv, loadDataset, predictWithModel } from "@alchemist/engine/node";
import { progressFor, type CliContext } from "../cli-context";
import { parseDelimiter } from "../data-options";
import { writeTextAtomic } from "../write-text-atomic";

interface PredictOptions {
  readonly model: string;
  readonly data: string;
  readonly out: string;
  readonly idField?: string;
  readonly columns?: string[];
  readonly delimiter?: string;
}

async function readModel(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new EngineError("MODEL_INVALID", `${path}: cannot read the model: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { file: path });
  }
}

/**
 * `alchemist predict`: labels new rows with a `model.onnx` written by `run`/`demo`. The feature
 * spec, class names and input field(s) come from the model's metadata. Writes CSV
 * (`id,label,p_<class>...`) or, for an `--out` ending in `.jsonl`, one JSON object per row.
 *
 * @example
 * registerPredict(program, ctx); // alchemist predict --model out/model.onnx --data new.csv --out predictions.csv
 */
export function registerPredict(program: Command, ctx: CliContext): void {
  program
    .command("predict")
    .description("label new rows with a distilled model (model.onnx from run or demo)")
    .requiredOption("--model <file>", "model.onnx written by alchemist run/demo")
    .requiredOption("--data <file>", "a .csv, .tsv or .jsonl file, or a WRENCH folder")
    .requiredOption("--out <file>", "output: CSV (id,label,p_<class>...), or JSONL when it ends in .jsonl")
    .option("--id-field <field>", "row id column (otherwise the row number)")
    .option("--columns <names>", "column names for a file without a header row, comma-separated", (v: string) => v.split(",").map((c) => c.trim()))
    .option("--delimiter <char>", "field delimiter (detected when omitted); 'tab' for tabs", parseDelimiter)
    .action(async (options: PredictOptions) => {
      const progress = progressFor(ctx);
      try {
        const bytes = await readModel(options.model);
        const spec = readModelSpec(bytes, options.model);
        const dataset = await loadDataset(options.data, {
          mapping: { input: spec.input, ...(options.idField !== undefined ? { id: options.idField } : {}) },
          classNames: spec.classNames,
          seed: 0,
          ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
          ...(options.columns !== undefined ? { columns: options.columns } : {}),
        });
        const { classNames, predictions } = await predictWithModel(bytes, dataset.rows, {
          source: options.model, signal: ctx.signal, onProgress: (done, total) => progress.onStage({ stage: "label", done, total }),
        });
        progress.stop();
        const text = options.out.endsWith(".jsonl")
          ? predictions.map((p) => JSON.stringify({ id: p.id, label: p.label, probabilities: Object.fromEntries(classNames.map((c, i) => [c, p.probabilities[i]])) }) + "\n").join("")
          : labelsCsv(predictions, classNames);
        await writeTextAtomic(options.out, text);
        process.stdout.write(`wrote ${options.out}: ${predictions.length} rows labeled ${classNames.join(" / ")}\n`);
      } finally {
        progress.stop();
      }
    });
}
