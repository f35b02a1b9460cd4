import { createLocalRunner, runPipeline, writeOutputs } from "@alchemist/engine/node";
import { boldFor, progressFor, type CliContext } from "../cli-context";
import type { DataOptions } from "../data-options";
import { finishLlmRun, inputsForRun, llmPartsForRun, zeroShotForRun } from "../llm/generate-for-run";
import type { RunLlmFlags } from "../llm/run-llm-options";
import { modelPipelineOptions, type ModelFlags } from "../model-options";
import { printReport } from "../print-report";
import { runnerOptionsFrom, type RunnerFlags } from "../runner-options";

export type RunOptions = DataOptions & ModelFlags & RunLlmFlags & RunnerFlags & { out: string };

/**
 * What `alchemist run` does once its flags are parsed (loaded lazily by `commands/run.ts`):
 * programs, label model and distilled model on the user's data; writes `--out` only on success.
 *
 * @example
 * await runAction({ data: "d.csv", task: "t.yaml", programs: "p/", out: "out/", seed: 42, ...llmFlags }, ctx);
 */
export async function runAction(options: RunOptions, ctx: CliContext): Promise<void> {
  const runner = createLocalRunner(runnerOptionsFrom(options));
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
}
