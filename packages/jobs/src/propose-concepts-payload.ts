import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";

/** LLM providers that can propose concepts (the builtin synthesizer writes programs, not concepts). */
export const CONCEPT_PROVIDERS = ["openai", "anthropic", "openai-compatible"] as const;

/**
 * Payload of a `propose-concepts` job: ask the project's LLM provider (its key, or the worker's)
 * for the visual concepts that tell the task's classes apart (the engine's `conceptPrompt`), or
 * for RoboShot insights (`insightPrompt`) with `kind: "insights"`. A
 * short job whose answer the concepts editor reads back; the call is booked on the LLM ledger.
 */
export const ProposeConceptsPayload = z
  .object({
    projectId: EntityId,
    actorId: ActorId,
    provider: z.enum(CONCEPT_PROVIDERS, { error: `pick a provider: ${CONCEPT_PROVIDERS.join(", ")}` }),
    model: z.string().trim().min(1, "name the model").max(200),
    /** What to propose: concepts (`conceptPrompt`) or RoboShot insights (`insightPrompt`: harmful and helpful text pairs). */
    kind: z.enum(["concepts", "insights"]).default("concepts"),
  })
  .strict();
export type ProposeConceptsPayload = z.infer<typeof ProposeConceptsPayload>;

/** What a `propose-concepts` job returns: the concepts (at most 16, no duplicates) or the insights, and the call's cost. */
export interface ProposeConceptsResult {
  readonly kind: "concepts" | "insights";
  readonly concepts: string[];
  /** With kind "insights": harmful (spurious) and helpful directions, each one text or a contrasting pair. */
  readonly insights: { harmful: string[][]; helpful: string[][] } | null;
  readonly provider: string;
  readonly model: string;
  readonly costUsd: number;
}
