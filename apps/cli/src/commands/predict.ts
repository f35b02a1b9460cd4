import type { Command } from "commander";
import type { PredictOptions } from "../actions/predict-action";
import type { CliContext } from "../cli-context";
import { parseDelimiter } from "../data-options";

/**
 * `alchemist predict`: labels new rows with a `model.onnx` written by `run`/`demo`. The feature
 * spec, class names and input field(s) come from the model's metadata. Writes CSV
 * (`id,label,p_<class>...`) or, for an `--out` ending in `.jsonl`, one JSON object per row.
 * The action (ONNX runtime) is imported only when the command runs.
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
    .action(async (options: PredictOptions) => (await import("../actions/predict-action")).predictAction(options, ctx));
}
