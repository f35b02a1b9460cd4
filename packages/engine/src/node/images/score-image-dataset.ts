import type { Dataset } from "../../core/dataset";
import { EngineError } from "../../errors/engine-error";
import { conceptScores } from "../../images/concept-scores";
import { embeddingMatrix, l2NormalizeRows, type EmbeddingMatrix } from "../../images/embedding-matrix";
import { calibrateEmbeddings, roboShotMatrix, type RoboShotInsights } from "../../images/roboshot-calibration";
import type { ClipModel } from "./load-clip-model";

export interface ScoreImageDatasetOptions {
  readonly clip: ClipModel;
  readonly concepts: readonly string[];
  /** Prompt per concept and per insight text, `{}` replaced; default `"a photo of {}."`. */
  readonly template?: string;
  /** RoboShot: harmful directions projected out, helpful ones boosted (`boost`, default 2). */
  readonly insights?: RoboShotInsights | null;
  readonly boost?: number;
}

/** Rows with `fields.scores` (the programs' `{concept: score}` input) and what the scores came from. */
export interface ScoredImageDataset {
  readonly dataset: Dataset;
  /** Raw image embeddings, row order. */
  readonly embeddings: EmbeddingMatrix;
  readonly concepts: readonly string[];
  readonly conceptEmbeddings: EmbeddingMatrix;
  readonly template: string;
  readonly insights: RoboShotInsights | null;
  /** RoboShot matrix (D x D) or null. */
  readonly calibration: Float32Array | null;
}

async function directions(clip: ClipModel, entries: readonly (readonly string[])[], prompt: (t: string) => string, cols: number): Promise<EmbeddingMatrix> {
  const bad = entries.find((e) => e.length < 1 || e.length > 2 || e.some((t) => t.trim() === ""));
  if (bad) throw new EngineError("INVALID_ARGUMENT", `RoboShot insight ${JSON.stringify(bad)}: expected ["description"] or ["description a", "description b"]`);
  if (entries.length === 0) return embeddingMatrix(0, cols, new Float32Array(0));
  const texts = entries.flat();
  const embedded = l2NormalizeRows(await clip.embedTexts(texts.map(prompt)));
  const d = embedded.cols;
  const values = new Float32Array(entries.length * d);
  let at = 0;
  entries.forEach((entry, i) => {
    for (let c = 0; c < d; c++) values[i * d + c] = embedded.values[at * d + c]! - (entry.length === 2 ? embedded.values[(at + 1) * d + c]! : 0);
    at += entry.length;
  });
  return embeddingMatrix(entries.length, d, values);
}

/**
 * Turns embedded pictures into program input: the concepts' prompts embedded with CLIP, the
 * RoboShot matrix from the insights' text directions (pairs: a - b) when given, and every row's
 * `{concept: cosine}` record (of the calibrated embedding) in `fields.scores`.
 *
 * @example
 * const scored = await scoreImageDataset(dataset, embeddings, { clip, concepts, insights });
 * scored.dataset.rows[0].fields.scores; // { "a round circle": 0.62, ... }
 */
export async function scoreImageDataset(dataset: Dataset, embeddings: EmbeddingMatrix, o: ScoreImageDatasetOptions): Promise<ScoredImageDataset> {
  const template = o.template ?? "a photo of {}.";
  if (!template.includes("{}")) throw new EngineError("INVALID_ARGUMENT", `template "${template}" has no {} for the concept`);
  if (o.concepts.length === 0) throw new EngineError("INVALID_ARGUMENT", "no concepts to score the images on");
  if (embeddings.rows !== dataset.rows.length) throw new EngineError("INVALID_ARGUMENT", `${embeddings.rows} embeddings for ${dataset.rows.length} rows`);
  const prompt = (c: string): string => template.replaceAll("{}", c);
  const conceptEmbeddings = await o.clip.embedTexts(o.concepts.map(prompt));
  const insights = o.insights && o.insights.harmful.length + o.insights.helpful.length > 0 ? o.insights : null;
  const calibration = insights
    ? roboShotMatrix(
        await directions(o.clip, insights.harmful, prompt, embeddings.cols),
        await directions(o.clip, insights.helpful, prompt, embeddings.cols),
        o.boost ?? 2,
      )
    : null;
  const scored = calibration ? calibrateEmbeddings(embeddings, calibration) : embeddings;
  const scores = conceptScores(scored, conceptEmbeddings, o.concepts);
  const rows = dataset.rows.map((row, i) => ({ ...row, fields: { ...row.fields, scores: scores[i]! } }));
  return { dataset: { ...dataset, rows }, embeddings, concepts: [...o.concepts], conceptEmbeddings, template, insights, calibration };
}
