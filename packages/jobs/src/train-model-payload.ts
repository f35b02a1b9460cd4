import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { parsePayload } from "./parse-payload";

/**
 * Payload of a `train-model` job: distil an MLP from a run's pseudolabels into the QUEUED
 * TrainedModel row `trainedModelId` (ids and a few hyper-parameters, never data).
 */
export const TrainModelPayload = z
  .object({
    projectId: EntityId,
    runId: EntityId,
    trainedModelId: EntityId,
    actorId: ActorId,
    /** Most epochs; early stopping on dev gold usually ends sooner. */
    epochs: z.number().int().min(1).max(200).default(30),
    /** Hidden layer sizes (the paper's [32, 32] by default). */
    hidden: z.array(z.number().int().min(1).max(1024)).min(1).max(4).default([32, 32]),
    /** Hashed TF-IDF width (text inputs); 2^16 by default. */
    tfidfDimension: z
      .number()
      .int()
      .min(16)
      .max(2 ** 20)
      .default(2 ** 16),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(42),
    /** Image projects: what the MLP reads (CLIP embeddings, concept scores or both); unset: the run's settings decide. */
    imageFeatures: z.enum(["embeddings", "scores", "both"]).optional(),
  })
  .strict();
export type TrainModelPayload = z.infer<typeof TrainModelPayload>;

/** What a `train-model` job stores in Job.result. */
export interface TrainModelResult extends Record<string, unknown> {
  readonly trainedModelId: string;
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly trainRows: number;
  readonly onnxBytes: number;
  /** Test accuracy / macro F1 of the distilled model; null without test gold. */
  readonly testAccuracy: number | null;
  readonly testF1: number | null;
}

/**
 * Validates a `train-model` payload, throwing an error that names the bad fields.
 *
 * @example
 * const { runId, trainedModelId } = parseTrainModelPayload(job.data);
 */
export function parseTrainModelPayload(data: unknown): TrainModelPayload {
  return parsePayload(TrainModelPayload, "train-model", data);
}
