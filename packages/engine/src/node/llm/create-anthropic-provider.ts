import Anthropic from "@anthropic-ai/sdk";
import { EngineError } from "../../errors/engine-error";
import type { LlmProvider } from "../../llm/llm-provider";

export interface AnthropicProviderOptions {
  readonly apiKey?: string;
  /** Without `/v1`, e.g. `http://127.0.0.1:8080`. */
  readonly baseURL?: string;
  readonly stream?: boolean;
}

/**
 * Anthropic messages through the official SDK. SDK retries are off: `resilientProvider` retries.
 *
 * @example
 * const provider = createAnthropicProvider({ apiKey: env.ANTHROPIC_API_KEY });
 * await provider.complete({ model: "claude-3-5-haiku-latest", system, messages, maxTokens: 1500 });
 */
export function createAnthropicProvider(options: AnthropicProviderOptions): LlmProvider {
  if (!options.apiKey) throw new EngineError("INVALID_ARGUMENT", "the anthropic provider needs an API key (ANTHROPIC_API_KEY)");
  const client = new Anthropic({ apiKey: options.apiKey, ...(options.baseURL ? { baseURL: options.baseURL } : {}), maxRetries: 0 });
  return {
    name: "anthropic",
    async complete(request) {
      const params = {
        model: request.model,
        max_tokens: request.maxTokens ?? 1500,
        messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
        ...(request.system ? { system: request.system } : {}),
        ...(request.temperature !== undefined ? { temperature: Math.min(1, request.temperature) } : {}),
      };
      const signal = request.signal ? { signal: request.signal } : {};
      const message = options.stream ? await client.messages.stream(params, signal).finalMessage() : await client.messages.create(params, signal);
      if (!message || !Array.isArray(message.content)) throw new EngineError("LLM_FAILED", `anthropic ${request.model}: the response has no content`);
      const text = message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
      return { text, inputTokens: message.usage?.input_tokens ?? 0, outputTokens: message.usage?.output_tokens ?? 0, raw: message };
    },
  };
}
