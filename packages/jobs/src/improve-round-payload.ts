import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";

/**
 * Payload of an `improve-round` job (the studio's "Next round"): ids only. The ImprovementRound
 * row names the base run and its GenerationRequest (provider, model, programs per round, budget);
 * keys stay in the project's secrets or the worker's env. The BullMQ job id is the round id.
 */
export const ImproveRoundPayload = z.object({ projectId: EntityId, improvementRoundId: EntityId, actorId: ActorId }).strict();
export type ImproveRoundPayload = z.infer<typeof ImproveRoundPayload>;
