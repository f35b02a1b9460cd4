import type { TaskSpec } from "../core/task";
import type { CostLedger } from "../llm/cost-ledger";
import type { LlmMessage, LlmProvider } from "../llm/llm-provider";
import { meteredProvider } from "../llm/metered-provider";
import { callModel } from "./call-model";
import type { GenerationAttempt } from "./generation-types";

/** What an image-flow LLM step is asked with: the task, the provider and model, the ledger that books the call. */
export interface AskImageOptions {
  readonly task: TaskSpec;
  readonly provider: LlmProvider;
  readonly model: string;
  readonly ledger: CostLedger;
  readonly maxTokens?: number;
  readonly signal?: AbortSignal;
}

/**
 * One deterministic (temperature 0) "info" call of the image flow (concepts, RoboShot insights):
 * the user prompt alone, booked on the ledger, returned as an attempt with id `id`.
 *
 * @example
 * const attempt = await askInfoOnce(o, "concepts", conceptPrompt(classNames));
 */
export async function askInfoOnce(o: AskImageOptions, id: string, prompt: string): Promise<GenerationAttempt> {
  const messages: LlmMessage[] = [{ role: "user", content: prompt }];
  return callModel(meteredProvider(o.provider, o.ledger, 1), {
    id,
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
}
