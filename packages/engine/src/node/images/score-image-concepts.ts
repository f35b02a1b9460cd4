import { EngineError } from "../../errors/engine-error";
import { conceptScores, type ConceptScores } from "../../images/concept-scores";
import { embeddingMatrix, l2NormalizeRows, type EmbeddingMatrix } from "../../images/embedding-matrix";
import { projectOut } from "../../images/roboshot-projection";
import type { ClipModel } from "./load-clip-model";
import type { ImageFile } from "./list-images";
import type { ClipEmbeddingCache } from "./clip-embedding-cache";
import { embedImageFiles } from "./embed-image-files";

/** One JSONL line of `alchemist concepts`: the image's id, its file and its concept scores. */
export interface ImageConceptRecord {
  readonly id: string;
  readonly file: string;
  readonly scores: ConceptScores;
}

export interface ScoreImageConceptsOptions {
  /** Prompt for each concept; `{}` is replaced by the concept. Default `"a photo of {}."`. */
  readonly template?: string;
  /** RoboShot: spurious concepts whose directions are projected out; `"a | b"` means the direction a - b. */
  readonly spurious?: readonly string[];
  readonly batchSize?: number;
  /** Embeddings by image hash for this model; hits are not embedded again. */
  readonly cache?: ClipEmbeddingCache;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: { done: number; total: number }) => void;
}

export interface ImageConceptResult {
  readonly records: ImageConceptRecord[];
  /** Raw image embeddings, row i = images[i] (before calibration); MLP features via `embeddingFeatures`. */
  readonly imageEmbeddings: EmbeddingMatrix;
  /** The embeddings actually scored: L2-normalised and, with `spurious`, calibrated. */
  readonly scoredEmbeddings: EmbeddingMatrix;
  readonly conceptEmbeddings: EmbeddingMatrix;
  /** Images whose embedding came from the cache. */
  readonly cached: number;
}

async function embedPrompts(model: ClipModel, prompts: readonly string[], batchSize: number): Promise<EmbeddingMatrix> {
  const parts: EmbeddingMatrix[] = [];
  for (let i = 0; i < prompts.length; i += batchSize) parts.push(await model.embedTexts(prompts.slice(i, i + batchSize)));
  const cols = parts[0]!.cols;
  const values = new Float32Array(prompts.length * cols);
  parts.forEach((part, p) => values.set(part.values, p * batchSize * cols));
  return embeddingMatrix(prompts.length, cols, values);
}

async function spuriousDirections(model: ClipModel, lines: readonly string[], prompt: (c: string) => string, batchSize: number): Promise<EmbeddingMatrix> {
  const pairs = lines.map((line) => line.split("|").map((part) => part.trim()));
  const bad = pairs.findIndex((p) => p.length > 2 || p.some((part) => part === ""));
  if (bad >= 0) throw new EngineError("INVALID_ARGUMENT", `spurious concept "${lines[bad]}": expected "concept" or "concept a | concept b"`);
  const unit = (m: EmbeddingMatrix, r: number): Float32Array => {
    const row = m.values.subarray(r * m.cols, (r + 1) * m.cols);
    const norm = Math.hypot(...row) || 1;
    return row.map((x) => x / norm);
  };
  const texts = pairs.flat();
  const embedded = await embedPrompts(model, texts.map(prompt), batchSize);
  const values = new Float32Array(pairs.length * embedded.cols);
  let at = 0;
  pairs.forEach((pair, i) => {
    const a = unit(embedded, at);
    const b = pair.length === 2 ? unit(embedded, at + 1) : undefined;
    values.set(b ? a.map((x, c) => x - b[c]!) : a, i * embedded.cols);
    at += pair.length;
  });
  return embeddingMatrix(pairs.length, embedded.cols, values);
}

/**
 * Scores every image against every concept with CLIP: images preprocessed and embedded in
 * batches, prompts embedded once, optional RoboShot calibration, cosine per (image, concept).
 *
 * @example
 * const { records } = await scoreImageConcepts(clip, await listImages("photos"), ["water", "land"]);
 * records[0]; // { id: "a.jpg", file: "photos/a.jpg", scores: { water: 0.27, land: 0.21 } }
 */
export async function scoreImageConcepts(
  model: ClipModel,
  images: readonly ImageFile[],
  concepts: readonly string[],
  options: ScoreImageConceptsOptions = {},
): Promise<ImageConceptResult> {
  const { template = "a photo of {}.", batchSize = 16, signal, onProgress } = options;
  if (concepts.length === 0) throw new EngineError("INVALID_ARGUMENT", "scoreImageConcepts: no concepts to score");
  if (images.length === 0) throw new EngineError("INVALID_ARGUMENT", "scoreImageConcepts: no images to score");
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new EngineError("INVALID_ARGUMENT", `batch size must be a positive integer, got ${batchSize}`);
  if (!template.includes("{}")) throw new EngineError("INVALID_ARGUMENT", `template "${template}" has no {} for the concept`);
  const prompt = (concept: string): string => template.replaceAll("{}", concept);
  const conceptEmbeddings = await embedPrompts(model, concepts.map(prompt), batchSize);
  const { embeddings: imageEmbeddings, cached } = await embedImageFiles(
    model,
    images.map((image) => image.file),
    { batchSize, ...(options.cache ? { cache: options.cache } : {}), ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) },
  );
  const spurious = options.spurious?.length ? await spuriousDirections(model, options.spurious, prompt, batchSize) : undefined;
  const scoredEmbeddings = spurious ? projectOut(imageEmbeddings, spurious) : l2NormalizeRows(imageEmbeddings);
  const scores = conceptScores(scoredEmbeddings, conceptEmbeddings, concepts);
  const records = images.map((image, i) => ({ id: image.id, file: image.file, scores: scores[i]! }));
  return { records, imageEmbeddings, scoredEmbeddings, conceptEmbeddings, cached };
}
