import { z } from "zod";
import type { RoboShotInsights } from "@alchemist/engine";
import { ActorId, EntityId } from "./entity-id";
import { ImageConcepts } from "./import-dataset-payload";

const insight = z.array(z.string().trim().min(1, "an insight text is empty").max(300, "insight texts are at most 300 characters")).min(1).max(2);

/**
 * RoboShot insights in a payload (the engine's `RoboShotInsights`; the stored copy is checked by
 * its `roboShotInsightsSchema`): harmful directions are projected out, helpful ones boosted.
 */
export const RoboShotInsightsPayload = z.object({
  harmful: z.array(insight).max(16, "at most 16 harmful insights"),
  helpful: z.array(insight).max(16, "at most 16 helpful insights"),
}) satisfies z.ZodType<RoboShotInsights>;

/**
 * Payload of a `rescore-images` job: score an image dataset's stored embeddings on a new concept
 * list (configuration, like an import's mapping; the pictures are never embedded again), the
 * embeddings calibrated with RoboShot `insights` when given.
 */
export const RescoreImagesPayload = z
  .object({ projectId: EntityId, datasetId: EntityId, actorId: ActorId, concepts: ImageConcepts, insights: RoboShotInsightsPayload.nullable().optional() })
  .strict();
export type RescoreImagesPayload = z.infer<typeof RescoreImagesPayload>;
