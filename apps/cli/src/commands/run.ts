import type { Command } from "commander";
import { createLocalRunner, runPipeline, writeOutputs } from "@alchemist/engine/node";
import { boldFor, progressFor, type CliContext } from "../cli-context";
import { addDataOptions, type DataOptions } from "../data-options";
import { addRunLlmOptions, finishLlmRun, inputsForRun, llmPartsForRun, zeroShotForRun, type RunLlmFlags } from "../llm/generate-for-run";
import { addModelOptions, modelPipelineOptions, type ModelFlags } from "../model-options";
import { printReport } from "../print-report";

/**
 * `alchemist run`: the whole pipeline on a user's data and programs; writes `--out` only on success.
 *
 * @example
 * registerRun(program, ctx); // alchemist run --data d.csv --task t.yaml --programs p/ --out out/
 */
export function registerRun(program: Command, ctx: CliContext): void {
  addRunLlmOptions(addModelOptions(addDataOptions(program.command("run").description("run programs, label model and distilled model on your data"))))
    .requiredOption("--out <dir>", "output folder (report.json, labels.csv, model.onnx, programs/)")
    .action(async (options: DataOptions & ModelFlags & RunLlmFlags & { out: string }) => {
      const runner = createLocalRunner();
      const progress = progressFor(ctx);
      try {
        const inputs = await inputsForRun(options, ctx, runner, progress);
        const { task, programs, dataset, votes } = inputs;
        const zeroShot = await zeroShotForRun(inputs, options, ctx, progress);
        const { report: pipelineReport, labels, model } = await runPipeline({
          dataset, task, programs, runner, seed: options.seed, signal: ctx.signal, onStage: progress.onStage, ...(votes ? { votes } : {}), ...(zeroShot.pipeline ? { zeroShot: zeroShot.pipeline } : {}), ...modelPipelineOptions(options),
        });
        const llmParts = llmPartsForRun(inputs, zeroShot.summary);
        const report = llmParts ? { ...pipelineReport, ...llmParts } : pipelineReport;
        progress.stop();
        await writeOutputs(options.out, { report, labels, programs, model });
        printReport(report, { outDir: options.out, bold: boldFor(ctx) });
        await finishLlmRun(options.out, inputs, llmParts);
      } finally {
        progress.stop();
        await runner.close();
      }
    });
}
