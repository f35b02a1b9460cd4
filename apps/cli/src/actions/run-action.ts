import { EngineError } from "@alchemist/engine";
import { createLocalRunner, loadTaskSpec, runPipeline, writeOutputs } from "@alchemist/engine/node";
import { boldFor, progressFor, type CliContext } from "../cli-context";
import type { DataOptions } from "../data-options";
import type { ImageFlags } from "../image-options";
import { finishLlmRun, inputsForRun, llmPartsForRun, zeroShotForRun } from "../llm/generate-for-run";
import { improveForRun } from "../llm/improve-for-run";
import type { ImproveFlags } from "../llm/improve-options";
import { writeImproveExtras } from "../llm/write-improve-extras";
import { auditForRun } from "../audit-for-run";
import type { RunLlmFlags } from "../llm/run-llm-options";
import { modelPipelineOptions, type ModelFlags } from "../model-options";
import { printReport } from "../print-report";
import { runnerOptionsFrom, type RunnerFlags } from "../runner-options";

export type RunOptions = DataOptions & ModelFlags & RunLlmFlags & RunnerFlags & ImproveFlags & ImageFlags & { out: string };

/**
 * What `alchemist run` does once its flags are parsed (loaded lazily by `commands/run.ts`):
 * programs, label model and distilled model on the user's data; writes `--out` only on success.
 *
 * @example
 * await runAction({ data: "d.csv", task: "t.yaml", programs: "p/", out: "out/", seed: 42, ...llmFlags }, ctx);
 */
export async function runAction(options: RunOptions, ctx: CliContext): Promise<void> {
  const task = options.task !== undefined ? await loadTaskSpec(options.task) : undefined;
  if (task?.kind === "image" || options.clipModel !== undefined) {
    if (!task) throw new EngineError("INVALID_ARGUMENT", "--clip-model runs an image task: --task FILE (with kind: image) is required");
    return (await import("./run-image-action")).runImageAction(options, ctx, task);
  }
  if (task?.multiLabel === true) return (await import("./run-multi-label-action")).runMultiLabelAction(options, ctx);
  const runner = createLocalRunner(runnerOptionsFrom(options));
  const progress = progressFor(ctx);
  try {
    const inputs = await inputsForRun(options, ctx, runner, progress);
    const { task, programs, dataset, votes } = inputs;
    const zeroShot = await zeroShotForRun(inputs, options, ctx, progress);
    const improved = await improveForRun(inputs, options, ctx, runner, progress);
    const used = improved?.programs ?? programs;
    const modelOptions = modelPipelineOptions(options);
    const result = await runPipeline({
      dataset,
      task,
      programs: used,
      runner,
      seed: options.seed,
      signal: ctx.signal,
      onStage: progress.onStage,
      ...(votes ? { votes } : {}),
      ...(zeroShot.pipeline ? { zeroShot: zeroShot.pipeline } : {}),
      ...modelOptions,
      ...(improved ? { applied: improved.applied } : {}),
    });
    if (options.audit) progress.step("label-error audit: 5-fold out-of-fold distilled models");
    const audit = options.audit
      ? auditForRun({ dataset, task, L: result.L, pseudolabels: result.pseudolabels, seed: options.seed, model: modelOptions, signal: ctx.signal })
      : undefined;
    const llmParts = llmPartsForRun(inputs, zeroShot.summary);
    const report = { ...result.report, ...llmParts, ...improved?.parts, ...(audit ? { audit: audit.report } : {}) };
    progress.stop();
    await writeOutputs(options.out, { report, labels: result.labels, programs: used, model: result.model });
    printReport(report, { outDir: options.out, bold: boldFor(ctx) });
    await writeImproveExtras(options.out, improved?.parts, audit?.csv, audit?.report);
    await finishLlmRun(options.out, inputs, llmParts);
  } finally {
    progress.stop();
    await runner.close();
  }
}
