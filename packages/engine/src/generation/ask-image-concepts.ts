import { EngineError } from "../errors/engine-error";
import { conceptPrompt, parseConcepts } from "../prompts/image-prompts";
import { askInfoOnce, type AskImageOptions } from "./ask-info-once";
import type { GenerationAttempt } from "./generation-types";

export type { AskImageOptions } from "./ask-info-once";

/**
 * Stage 1 of the paper's image flow: asks the LLM for the visual primitive concepts that tell the
 * task's classes apart (`conceptPrompt`) and parses them (`parseConcepts`); at most `limit`
 * (default 16), duplicates dropped. The call is booked on the ledger and returned as an attempt.
 *
 * @example
 * const { concepts, attempt } = await askImageConcepts({ task, provider, model: "gpt-4o-mini", ledger });
 */
export async function askImageConcepts(o: AskImageOptions & { readonly limit?: number }): Promise<{ concepts: string[]; attempt: GenerationAttempt }> {
  const attempt = await askInfoOnce(o, "concepts", conceptPrompt(o.task.classes.map((c) => c.name)));
  const concepts = parseConcepts(attempt.response)
    .map((c) => c.trim())
    .filter((c) => c !== "")
    .slice(0, o.limit ?? 16);
  if (concepts.length < 2)
    throw new EngineError("LLM_FAILED", `the concept answer names ${concepts.length} concept(s); at least 2 are needed: ${attempt.response.slice(0, 120)}`);
  return { concepts, attempt };
}
