import type { TaskSpec } from "../core/task";
import { EngineError } from "../errors/engine-error";
import type { CostLedger } from "../llm/cost-ledger";
import type { LlmProvider } from "../llm/llm-provider";
import { meteredProvider } from "../llm/metered-provider";
import { conceptPrompt, parseConcepts } from "../prompts/image-prompts";
import { callModel } from "./call-model";
import type { GenerationAttempt } from "./generation-types";

export interface AskImageOptions {
  readonly task: TaskSpec;
  readonly provider: LlmProvider;
  readonly model: string;
  readonly ledger: CostLedger;
  readonly maxTokens?: number;
  readonly signal?: AbortSignal;
}

/**
 * Stage 1 of the paper's image flow: asks the LLM for the visual primitive concepts that tell the
 * task's classes apart (`conceptPrompt`) and parses them (`parseConcepts`); at most `limit`
 * (default 16), duplicates dropped. The call is booked on the ledger and returned as an attempt.
 *
 * @example
 * const { concepts, attempt } = await askImageConcepts({ task, provider, model: "gpt-4o-mini", ledger });
 */
export async function askImageConcepts(o: AskImageOptions & { readonly limit?: number }): Promise<{ concepts: string[]; attempt: GenerationAttempt }> {
  const messages = [{ role: "user" as const, content: conceptPrompt(o.task.classes.map((c) => c.name)) }];
  const attempt = await callModel(meteredProvider(o.provider, o.ledger, 1), {
    id: "concepts",
    kind: "info",
    slot: -1,
    round: 0,
    parent: null,
    model: o.model,
    temperature: 0,
    maxTokens: o.maxTokens ?? 1000,
    sampleIndex: 0,
    system: "",
    messages,
    supplementary: [],
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const concepts = parseConcepts(attempt.response)
    .map((c) => c.trim())
    .filter((c) => c !== "")
    .slice(0, o.limit ?? 16);
  if (concepts.length < 2)
    throw new EngineError("LLM_FAILED", `the concept answer names ${concepts.length} concept(s); at least 2 are needed: ${attempt.response.slice(0, 120)}`);
  return { concepts, attempt };
}
