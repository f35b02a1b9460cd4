import { EngineError } from "@alchemist/engine";
import { createLocalRunner, runMultiLabelPipeline, writeOutputs } from "@alchemist/engine/node";
import { boldFor, progressFor, type CliContext } from "../cli-context";
import { loadInputs } from "../load-inputs";
import { modelPipelineOptions } from "../model-options";
import { printMultiLabelReport } from "../multi-label-report";
import { runnerOptionsFrom } from "../runner-options";
import type { DataOptions } from "../data-options";
import type { ImageFlags } from "../image-options";
import type { ImproveFlags } from "../llm/improve-options";
import type { RunLlmFlags } from "../llm/run-llm-options";
import type { ModelFlags } from "../model-options";
import type { RunnerFlags } from "../runner-options";

/** `run`'s flags (the same as run-action's RunOptions, spelled out so the two files do not import each other). */
type RunOptions = DataOptions & ModelFlags & RunLlmFlags & RunnerFlags & ImproveFlags & ImageFlags & { out: string };

/** Flags of `run` that a multi-label task cannot honour yet, by the words a user typed. */
function unsupportedFlags(options: RunOptions): string[] {
  const out: string[] = [];
  if (options.programs === undefined) out.push("a run without --programs (program generation)");
  if (options.provider !== undefined) out.push("--provider");
  if ((options.rounds ?? 1) > 1) out.push("--rounds");
  if (options.llmVotes !== undefined) out.push("--llm-votes");
  if (options.completions > 1) out.push("--completions");
  if (options.prune) out.push("--prune");
  if (options.audit) out.push("--audit");
  if (options.zeroShotSample !== undefined) out.push("--zero-shot-sample");
  if (options.encoderModel !== undefined) out.push("--encoder-model");
  if (options.clipModel !== undefined) out.push("--clip-model");
  return out;
}

/**
 * `alchemist run` for a task with `multi_label: true`: the user's programs return class lists,
 * one-vs-rest label models, a sigmoid MLP; writes report.json, labels.csv (labels joined with `|`),
 * labels.jsonl (label lists), model.onnx and programs/ into `--out` only on success.
 *
 * @example
 * await runMultiLabelAction({ data: "news.csv", task: "task.yaml", programs: "programs/", out: "out/", seed: 42, ...flags }, ctx);
 */
export async function runMultiLabelAction(options: RunOptions, ctx: CliContext): Promise<void> {
  const unsupported = unsupportedFlags(options);
  if (unsupported.length > 0) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `multi-label tasks run your own programs (--programs DIR returning lists of classes); not supported for them yet: ${unsupported.join(", ")}`,
    );
  }
  const runner = createLocalRunner(runnerOptionsFrom(options));
  const progress = progressFor(ctx);
  try {
    const { task, programs, dataset } = await loadInputs(options, runner);
    const result = await runMultiLabelPipeline({
      dataset,
      task,
      programs,
      runner,
      seed: options.seed,
      signal: ctx.signal,
      onStage: progress.onStage,
      ...modelPipelineOptions(options),
    });
    progress.stop();
    await writeOutputs(options.out, { report: result.report, labels: result.labels, programs, model: result.model });
    printMultiLabelReport(result.report, { outDir: options.out, bold: boldFor(ctx) });
  } finally {
    progress.stop();
    await runner.close();
  }
}
