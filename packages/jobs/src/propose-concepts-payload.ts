import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";

/** LLM providers that can propose concepts (the builtin synthesizer writes programs, not concepts). */
export const CONCEPT_PROVIDERS = ["openai", "anthropic", "openai-compatible"] as const;

/**
 * Payload of a `propose-concepts` job: ask the project's LLM provider (its key, or the worker's)
 * for the visual concepts that tell the task's classes apart (the engine's `conceptPrompt`). A
 * short job whose answer the concepts editor reads back; the call is booked on the LLM ledger.
 */
export const ProposeConceptsPayload = z
  .object({
    projectId: EntityId,
    actorId: ActorId,
    provider: z.enum(CONCEPT_PROVIDERS, { error: `pick a provider: ${CONCEPT_PROVIDERS.join(", ")}` }),
    model: z.string().trim().min(1, "name the model").max(200),
  })
  .strict();
export type ProposeConceptsPayload = z.infer<typeof ProposeConceptsPayload>;

/** What a `propose-concepts` job returns: the concepts (at most 16, no duplicates) and the call's cost. */
export interface ProposeConceptsResult {
  readonly concepts: string[];
  readonly provider: string;
  readonly model: string;
  readonly costUsd: number;
}
