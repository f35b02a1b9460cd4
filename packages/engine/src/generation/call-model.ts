import type { LlmMessage, LlmRequest } from "../llm/llm-provider";
import type { MeteredResponse } from "../llm/metered-provider";
import type { GenerationAttempt } from "./generation-types";

export type Metered = { readonly name: string; complete(request: LlmRequest): Promise<MeteredResponse> };

/**
 * One model call recorded as an attempt (without code/verdict, which the caller adds).
 *
 * @example
 * const attempt = await callModel(metered, { id: "p00-r0", kind: "program", slot: 0, round: 0, parent: null, ... });
 */
export async function callModel(
  provider: Metered,
  a: {
    id: string;
    kind: GenerationAttempt["kind"];
    slot: number;
    round: number;
    parent: string | null;
    model: string;
    temperature: number;
    maxTokens: number;
    sampleIndex: number;
    system: string;
    messages: readonly LlmMessage[];
    supplementary: GenerationAttempt["supplementary"];
    signal?: AbortSignal;
  },
): Promise<GenerationAttempt> {
  const response = await provider.complete({
    system: a.system,
    messages: a.messages,
    model: a.model,
    temperature: a.temperature,
    maxTokens: a.maxTokens,
    sampleIndex: a.sampleIndex,
    ...(a.signal ? { signal: a.signal } : {}),
  });
  return {
    id: a.id,
    kind: a.kind,
    slot: a.slot,
    round: a.round,
    parent: a.parent,
    author: `llm:${provider.name}/${a.model}`,
    provider: provider.name,
    model: a.model,
    params: { temperature: a.temperature, maxTokens: a.maxTokens, sampleIndex: a.sampleIndex },
    system: a.system,
    prompt: a.messages.at(-1)?.content ?? "",
    messages: a.messages.length,
    supplementary: a.supplementary,
    response: response.text,
    raw: response.raw,
    inputTokens: response.inputTokens,
    outputTokens: response.outputTokens,
    costUsd: response.costUsd,
    cached: response.cached === true,
  };
}
