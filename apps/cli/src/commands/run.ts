import type { Command } from "commander";
import type { RunOptions } from "../actions/run-action";
import type { CliContext } from "../cli-context";
import { addDataOptions } from "../data-options";
import { addRunnerOptions } from "../runner-options";
import { addRunLlmOptions } from "../llm/run-llm-options";
import { addModelOptions } from "../model-options";
import { addImproveOptions } from "../llm/improve-options";
import { addImageOptions } from "../image-options";

/**
 * `alchemist run`: the whole pipeline on a user's data and programs; writes `--out` only on
 * success. The action is imported only when the command runs.
 *
 * @example
 * registerRun(program, ctx); // alchemist run --data d.csv --task t.yaml --programs p/ --out out/
 */
export function registerRun(program: Command, ctx: CliContext): void {
  addImageOptions(
    addRunnerOptions(
      addRunLlmOptions(
        addModelOptions(
          addDataOptions(
            addImproveOptions(program.command("run")).description(
              "run programs, label model and distilled model on your data (images: a task with kind: image and --clip-model)",
            ),
          ),
        ),
      ),
    ),
  )
    .requiredOption("--out <dir>", "output folder (report.json, labels.csv, model.onnx, programs/)")
    .action(async (options: RunOptions) => (await import("../actions/run-action")).runAction(options, ctx));
}
