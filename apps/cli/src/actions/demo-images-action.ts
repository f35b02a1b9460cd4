import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EngineError, SHAPES_WORLD, type TaskSpec } from "@alchemist/engine";
import {
  createLocalRunner,
  embedImageDataset,
  loadClipModel,
  runImagePipeline,
  scoreImageDataset,
  writeOutputs,
  writeShapesClipModel,
  writeShapesDataset,
  type ImageRunReport,
} from "@alchemist/engine/node";
import { boldFor, progressFor, type CliContext } from "../cli-context";
import { imagePrograms } from "../images/image-programs";
import { finishLlmRun, llmPartsForRun } from "../llm/generate-for-run";
import { resolveLlm } from "../llm/make-provider";
import { printReport } from "../print-report";
import type { DemoOptions } from "./demo-options";

/** Pictures in the image demo unless --limit says otherwise. */
const DEMO_IMAGES = 320;

/**
 * `alchemist demo --images`: the shapes world end to end, offline. The project renders the
 * pictures (circles and squares on water or grass, the background spurious in train/dev) and fits
 * its tiny CLIP in a temp folder, scores them on the builtin concept list, calibrates with the
 * builtin RoboShot insights (unless --no-roboshot), synthesizes score programs from a dev seed set
 * (or asks --provider's LLM), then label model, MLP on embeddings, worst-group accuracy by place.
 *
 * @example
 * await demoImagesAction({ ...flags, images: true, out: "out" }, ctx);
 */
export async function demoImagesAction(options: DemoOptions, ctx: CliContext): Promise<void> {
  const n = options.limit ?? DEMO_IMAGES;
  if (!Number.isInteger(n) || n < 40) throw new EngineError("INVALID_ARGUMENT", `--limit must be at least 40 pictures for the image demo, got ${n}`);
  const progress = progressFor(ctx);
  const work = await mkdtemp(join(tmpdir(), "alchemist-shapes-demo-"));
  const task: TaskSpec = { ...SHAPES_WORLD.task, language: options.language };
  const runner = createLocalRunner();
  try {
    progress.step(`rendering ${n} shapes-world pictures and fitting the tiny CLIP model (seed ${options.seed})`);
    await writeShapesClipModel(join(work, "clip"));
    await writeShapesDataset(join(work, "shapes"), { n, seed: options.seed });
    const clip = await loadClipModel(join(work, "clip"));
    try {
      const started = performance.now();
      const { dataset, embeddings, embedded } = await embedImageDataset(join(work, "shapes"), {
        classNames: task.classes.map((c) => c.name),
        seed: options.seed,
        clip,
        signal: ctx.signal,
      });
      const embedMs = Math.round(performance.now() - started);
      const insights = options.roboshot === false ? null : SHAPES_WORLD.insights;
      const scored = await scoreImageDataset(dataset, embeddings, { clip, concepts: SHAPES_WORLD.concepts, insights });
      const llm =
        (options.provider ?? ctx.env.ALCHEMIST_LLM_PROVIDER ?? "builtin") === "builtin"
          ? undefined
          : await resolveLlm({ ...options, seedSize: options.seedSize }, ctx.env, options.seed);
      const dev = scored.dataset.rows.filter((row) => row.split === "dev").length;
      const made = await imagePrograms({
        flags: { ...options, seedSize: Math.min(options.seedSize, dev) },
        task,
        scored,
        runner,
        seed: options.seed,
        progress,
        signal: ctx.signal,
        ...(llm ? { llm } : {}),
      });
      const features = options.features ?? "embeddings";
      const result = await runImagePipeline({
        scored,
        clip,
        task,
        programs: made.programs,
        runner,
        seed: options.seed,
        signal: ctx.signal,
        onStage: progress.onStage,
        featureKind: features,
        groupField: "place",
        ...(options.keepUncovered ? { keepUncovered: true } : {}),
        ...(options.hidden ? { hidden: options.hidden } : {}),
        ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
      });
      const image: ImageRunReport = {
        clipModel: "shapes-world tiny CLIP (writeShapesClipModel)",
        clipModelKey: clip.key,
        images: dataset.rows.length,
        cached: 0,
        embedded,
        concepts: scored.concepts,
        conceptSource: "builtin",
        template: scored.template,
        features,
        insights: scored.insights,
        insightSource: insights ? "builtin" : null,
        programSource: made.source,
        embedMs,
      };
      const runInputs = {
        task,
        programs: made.programs,
        dataset: scored.dataset,
        ...(llm && made.generation ? { llm: { resolved: llm, generation: made.generation } } : {}),
      };
      const llmParts = llmPartsForRun(runInputs, undefined);
      const demo = {
        world: "shapes",
        pictures: n,
        correlation: { train: 0.9, dev: 0.9, test: "balanced" },
        seedSet: { rows: Math.min(options.seedSize, dev), from: "dev" },
        programDescriptions: Object.fromEntries(made.programs.map((p) => [p.name, "description" in p ? String(p.description) : ""])),
      };
      const report = { ...result.report, ...(llmParts ?? {}), image, demo };
      progress.stop();
      await writeOutputs(options.out, { report, labels: result.labels, programs: made.programs, model: result.model });
      printReport(report, { outDir: options.out, bold: boldFor(ctx) });
      await finishLlmRun(options.out, runInputs, llmParts);
    } finally {
      await clip.close();
    }
  } finally {
    progress.stop();
    await runner.close();
    await rm(work, { recursive: true, force: true });
  }
}
