import { z } from "zod";

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
  preprocessing: z.object({ imageSize: z.number().int().positive(), resizeTo: z.number().int().positive(), mean: z.array(z.number()).length(3), std: z.array(z.number()).length(3) }),
  /** When the scores were last computed (ISO time). */
  scoredAt: z.string(),
});
export type ImageScoring = z.infer<typeof imageScoringSchema>;
