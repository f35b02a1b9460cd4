import OpenAI from "openai";
import { EngineError } from "../../errors/engine-error";
import type { LlmProvider } from "../../llm/llm-provider";

export interface OpenAiProviderOptions {
  readonly apiKey?: string;
  /** Includes `/v1`, e.g. `http://127.0.0.1:11434/v1` for Ollama. */
  readonly baseURL?: string;
  /** `openai` for api.openai.com, `openai-compatible` for another server (part of cache keys). */
  readonly name?: string;
  /** Stream the answer (SSE) instead of one JSON body. */
  readonly stream?: boolean;
}

/**
 * OpenAI chat completions through the official SDK; any OpenAI-compatible server (Ollama, vLLM,
 * LM Studio) by `baseURL`. SDK retries are off: `resilientProvider` does seeded retries.
 *
 * @example
 * const provider = createOpenAiProvider({ apiKey: env.OPENAI_API_KEY });
 * await provider.complete({ model: "gpt-4o-mini", system, messages: [{ role: "user", content: prompt }] });
 */
export function createOpenAiProvider(options: OpenAiProviderOptions): LlmProvider {
  if (!options.apiKey && !options.baseURL)
    throw new EngineError("INVALID_ARGUMENT", "the openai provider needs an API key (OPENAI_API_KEY) or a base URL for a compatible server");
  const client = new OpenAI({ apiKey: options.apiKey || "not-needed", ...(options.baseURL ? { baseURL: options.baseURL } : {}), maxRetries: 0 });
  const name = options.name ?? (options.baseURL ? "openai-compatible" : "openai");
  return {
    name,
    async complete(request) {
      const messages = [
        ...(request.system ? [{ role: "system" as const, content: request.system }] : []),
        ...request.messages.map((m) => ({ role: m.role, content: m.content })),
      ];
      const params = {
        model: request.model,
        messages,
        ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
      };
      const signal = request.signal ? { signal: request.signal } : {};
      if (options.stream) {
        const stream = await client.chat.completions.create({ ...params, stream: true, stream_options: { include_usage: true } }, signal);
        let text = "";
        let usage: { prompt_tokens: number; completion_tokens: number } | undefined;
        for await (const chunk of stream) {
          text += chunk.choices[0]?.delta?.content ?? "";
          if (chunk.usage) usage = chunk.usage;
        }
        return { text, inputTokens: usage?.prompt_tokens ?? 0, outputTokens: usage?.completion_tokens ?? 0, raw: { streamed: true, text, usage } };
      }
      const completion = await client.chat.completions.create(params, signal);
      if (!completion || !Array.isArray(completion.choices)) throw new EngineError("LLM_FAILED", `${name} ${request.model}: the response has no choices`);
      return {
        text: completion.choices[0]?.message?.content ?? "",
        inputTokens: completion.usage?.prompt_tokens ?? 0,
        outputTokens: completion.usage?.completion_tokens ?? 0,
        raw: completion,
      };
    },
  };
}
