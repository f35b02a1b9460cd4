import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { ImageConcepts } from "./import-dataset-payload";

/**
 * Payload of a `rescore-images` job: score an image dataset's stored embeddings on a new concept
 * list (configuration, like an import's mapping; the pictures are never embedded again).
 */
export const RescoreImagesPayload = z.object({ projectId: EntityId, datasetId: EntityId, actorId: ActorId, concepts: ImageConcepts }).strict();
export type RescoreImagesPayload = z.infer<typeof RescoreImagesPayload>;
