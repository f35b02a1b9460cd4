import type { LlmRequest } from "./llm-provider";

/**
 * sha256 (hex) of everything that determines a response: provider, model, system prompt,
 * messages, temperature, max tokens and the sample index. Web Crypto, so it works anywhere.
 *
 * @example
 * const key = await cacheKey("openai", { model: "gpt-4o-mini", messages, temperature: 0.7, sampleIndex: 3 });
 */
export async function cacheKey(provider: string, request: LlmRequest): Promise<string> {
  const material = JSON.stringify({
    provider,
    model: request.model,
    system: request.system ?? "",
    messages: request.messages.map((m) => [m.role, m.content]),
    temperature: request.temperature ?? null,
    maxTokens: request.maxTokens ?? null,
    sample: request.sampleIndex ?? 0,
  });
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(material));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
