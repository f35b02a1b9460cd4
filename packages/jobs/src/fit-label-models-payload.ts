import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { parsePayload } from "./parse-payload";

/** Payload of a `fit-label-models` job: re-analyse a finished run's stored votes and refit its label models. */
export const FitLabelModelsPayload = z.object({ projectId: EntityId, runId: EntityId, actorId: ActorId }).strict();
export type FitLabelModelsPayload = z.infer<typeof FitLabelModelsPayload>;

/**
 * Validates a `fit-label-models` payload, throwing an error that names the bad fields.
 *
 * @example
 * const { runId } = parseFitLabelModelsPayload(job.data);
 */
export function parseFitLabelModelsPayload(data: unknown): FitLabelModelsPayload {
  return parsePayload(FitLabelModelsPayload, "fit-label-models", data);
}
