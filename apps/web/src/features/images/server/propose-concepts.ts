import "server-only";
import { z } from "zod";
import { findProjectTask, getPrisma } from "@alchemist/db";
import { CONCEPT_PROVIDERS, QUEUES, type ProposeConceptsResult } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { runAndWait } from "@/features/jobs";

// One LLM call; slow providers get two minutes before the page says the worker did not answer.
const WAIT_MS = 120_000;

export const ProposeConceptsInput = z.object({
  projectId: z.string().min(1).max(64),
  provider: z.enum(CONCEPT_PROVIDERS, { error: `Pick a provider: ${CONCEPT_PROVIDERS.join(", ")}` }),
  model: z.string().trim().min(1, "Name the model").max(200, "Model names are at most 200 characters"),
  kind: z.enum(["concepts", "insights"]).default("concepts"),
});

/**
 * "Propose concepts": the worker asks the project's LLM provider for the visual concepts that
 * tell the task's classes apart (`propose-concepts` job, the engine's concept prompt) and the
 * editor shows them for the user to edit before saving; nothing is stored but the ledger row.
 *
 * @example
 * const { concepts } = await proposeConcepts({ projectId, provider: "openai", model: "gpt-4o-mini" }, actor.userId);
 */
export async function proposeConcepts(input: z.infer<typeof ProposeConceptsInput>, actorId: string): Promise<ProposeConceptsResult> {
  getEnv();
  if (!(await findProjectTask(getPrisma(), input.projectId)))
    throw new AppError("BAD_REQUEST", "Define the task first: the concepts are asked for its classes");
  return runAndWait<typeof QUEUES.proposeConcepts, ProposeConceptsResult>(
    QUEUES.proposeConcepts,
    { projectId: input.projectId, actorId, provider: input.provider, model: input.model, kind: input.kind },
    WAIT_MS,
  );
}
