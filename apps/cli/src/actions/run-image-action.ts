import { homedir } from "node:os";
import { join } from "node:path";
import { EngineError, type TaskSpec } from "@alchemist/engine";
import {
  ClipEmbeddingCache,
  createLocalRunner,
  embedImageDataset,
  loadClipModel,
  runImagePipeline,
  scoreImageDataset,
  writeOutputs,
  type ImageRunReport,
} from "@alchemist/engine/node";
import { boldFor, progressFor, type CliContext } from "../cli-context";
import type { DataOptions } from "../data-options";
import type { ImageFlags } from "../image-options";
import { imageLlmInputs } from "../images/image-concepts";
import { imagePrograms } from "../images/image-programs";
import { finishLlmRun, llmPartsForRun } from "../llm/generate-for-run";
import { resolveLlm } from "../llm/make-provider";
import type { RunLlmFlags } from "../llm/run-llm-options";
import type { ModelFlags } from "../model-options";
import { printReport } from "../print-report";
import { runnerOptionsFrom, type RunnerFlags } from "../runner-options";

export type RunImageOptions = DataOptions & ModelFlags & RunLlmFlags & RunnerFlags & ImageFlags & { out: string };

/** Where embeddings are cached unless --embedding-cache / --no-embedding-cache say otherwise. */
export const DEFAULT_EMBEDDING_CACHE = join(homedir(), ".cache", "alchemist", "clip-embeddings");

/**
 * `alchemist run` on an image task (the paper's flow, one command): pictures embedded with CLIP
 * (through the embedding cache), concepts from `--concepts` or the LLM, RoboShot insights from
 * `--insights` or the LLM (`--roboshot`), every picture scored on every concept, programs over
 * the `{concept: score}` records (`--programs`, the LLM's generation loop, or the builtin
 * synthesizer), sandboxed apply, label model, and the MLP on CLIP embeddings/scores; writes
 * `--out` (report.json with the image section, labels.csv, model.onnx from image embeddings,
 * programs/) only on success.
 *
 * @example
 * await runImageAction({ data: "images/", task: "task.yaml", clipModel: "clip/", concepts: "c.txt", out: "out", ...flags }, ctx, task);
 */
export async function runImageAction(options: RunImageOptions, ctx: CliContext, task: TaskSpec): Promise<void> {
  if (task.kind !== "image")
    throw new EngineError(
      "INVALID_ARGUMENT",
      `--clip-model scores pictures: the task ${task.name} needs kind: image (its programs then read {concept: score} records)`,
    );
  if (options.clipModel === undefined)
    throw new EngineError(
      "INVALID_ARGUMENT",
      `task ${task.name} is an image task: --clip-model DIR is required (a CLIP folder; see the engine's images README)`,
    );
  if (options.zeroShotSample !== undefined)
    throw new EngineError("INVALID_ARGUMENT", "--zero-shot-sample labels text with the LLM; image tasks have no zero-shot baseline yet");
  const progress = progressFor(ctx);
  const clip = await loadClipModel(options.clipModel);
  const runner = createLocalRunner(runnerOptionsFrom(options));
  try {
    const llm = (options.provider ?? ctx.env.ALCHEMIST_LLM_PROVIDER ?? "builtin") === "builtin" ? undefined : await resolveLlm(options, ctx.env, options.seed);
    const cache = options.embeddingCache === false ? undefined : await ClipEmbeddingCache.open(options.embeddingCache ?? DEFAULT_EMBEDDING_CACHE, clip.key);
    const started = performance.now();
    progress.step(`embedding the images of ${options.data} with ${options.clipModel}${cache ? ` (cache ${cache.file})` : ""}`);
    const { dataset, embeddings, cached, embedded } = await embedImageDataset(options.data, {
      classNames: task.classes.map((c) => c.name),
      seed: options.seed,
      clip,
      batchSize: options.batchSize,
      signal: ctx.signal,
      ...(options.labels !== undefined ? { manifest: options.labels } : {}),
      ...(cache ? { cache } : {}),
    });
    const embedMs = Math.round(performance.now() - started);
    progress.step(
      `${dataset.rows.length} images: ${embedded} embedded, ${cached} from the cache${dataset.unlisted ? `, ${dataset.unlisted} not in the label file (left out)` : ""}`,
    );
    const inputs = await imageLlmInputs(options, task, llm, progress, ctx.signal);
    const scored = await scoreImageDataset(dataset, embeddings, {
      clip,
      concepts: inputs.concepts,
      template: options.template,
      insights: inputs.insights,
      boost: options.boost,
    });
    const made = await imagePrograms({ flags: options, task, scored, runner, seed: options.seed, progress, signal: ctx.signal, ...(llm ? { llm } : {}) });
    const result = await runImagePipeline({
      scored,
      clip,
      task,
      programs: made.programs,
      runner,
      seed: options.seed,
      signal: ctx.signal,
      onStage: progress.onStage,
      featureKind: options.features,
      ...(options.groupField !== undefined ? { groupField: options.groupField } : {}),
      ...(options.keepUncovered ? { keepUncovered: true } : {}),
      ...(options.hidden ? { hidden: options.hidden } : {}),
      ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
    });
    const image: ImageRunReport = {
      clipModel: options.clipModel,
      clipModelKey: clip.key,
      images: dataset.rows.length,
      cached,
      embedded,
      concepts: scored.concepts,
      conceptSource: inputs.conceptSource,
      template: scored.template,
      features: options.features,
      insights: scored.insights,
      insightSource: inputs.insightSource,
      programSource: made.source,
      embedMs,
    };
    const runInputs = {
      task,
      programs: made.programs,
      dataset: scored.dataset,
      ...(llm && made.generation
        ? { llm: { resolved: llm, generation: { ...made.generation, attempts: [...inputs.attempts, ...made.generation.attempts] } } }
        : {}),
    };
    const llmParts = llmPartsForRun(runInputs, undefined);
    const report = { ...result.report, ...(llmParts ?? {}), image };
    progress.stop();
    await writeOutputs(options.out, { report, labels: result.labels, programs: made.programs, model: result.model });
    printReport(report, { outDir: options.out, bold: boldFor(ctx) });
    await finishLlmRun(options.out, runInputs, llmParts);
  } finally {
    progress.stop();
    await runner.close();
    await clip.close();
  }
}
