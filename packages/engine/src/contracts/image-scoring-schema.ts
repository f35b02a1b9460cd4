import { z } from "zod";
import { EngineError } from "../errors/engine-error";
import { formatZodIssues } from "../errors/format-zod-issues";
import { roboShotInsightsSchema } from "./roboshot-insights-schema";

/**
 * What `Dataset.imageScoring` holds for an image dataset of the studio: the CLIP model that
 * embedded its pictures (its key: sha256 of the image encoder + preprocessing), the embedding
 * size, and the concept list and prompt template its rows' `{concept: score}` records were scored
 * with. The import and the re-score job write it; the worker's training and the pages read it.
 *
 * @example
 * const scoring = imageScoringSchema.parse(dataset.imageScoring);
 */
export const imageScoringSchema = z.object({
  clipModelKey: z.string().min(1),
  dim: z.number().int().positive(),
  concepts: z.array(z.string().min(1)).min(1),
  template: z.string().includes("{}"),
  /** The CLIP preprocessing of the model (config.json), for the trained model's ONNX metadata. */
  preprocessing: z.object({
    imageSize: z.number().int().positive(),
    resizeTo: z.number().int().positive(),
    mean: z.array(z.number()).length(3),
    std: z.array(z.number()).length(3),
  }),
  /** When the scores were last computed (ISO time). */
  scoredAt: z.string(),
  /** RoboShot insights the scores were calibrated with (absent or null: raw embeddings). */
  insights: roboShotInsightsSchema.nullable().optional(),
});
export type ImageScoring = z.infer<typeof imageScoringSchema>;

/**
 * A dataset's stored image scoring, read with the schema its writers use (kept beside the schema so
 * no reader parses it another way). Throws INVALID_ARGUMENT when the dataset is not an image
 * dataset or its stored scoring does not match the schema.
 *
 * @example
 * const scoring = readImageScoring(dataset);
 * scoring.concepts; // ["cat", "dog"]
 */
export function readImageScoring(dataset: { readonly name: string; readonly kind: string; readonly imageScoring: unknown }): ImageScoring {
  if (dataset.kind !== "IMAGE") throw new EngineError("INVALID_ARGUMENT", `dataset "${dataset.name}" is not an image dataset`);
  const parsed = imageScoringSchema.safeParse(dataset.imageScoring);
  if (!parsed.success) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `dataset "${dataset.name}" has an unreadable image scoring (${formatZodIssues(parsed.error, { root: "imageScoring" })}); re-import it to score it again`,
    );
  }
  return parsed.data;
}
