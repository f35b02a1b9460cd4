/** One chat turn sent to a model. The system prompt travels separately (Anthropic's shape). */
export interface LlmMessage {
  readonly role: "user" | "assistant";
  readonly content: string;
}

export interface LlmRequest {
  readonly system?: string;
  readonly messages: readonly LlmMessage[];
  readonly model: string;
  readonly temperature?: number;
  readonly maxTokens?: number;
  readonly signal?: AbortSignal;
  /** Distinguishes repeated samples of the same prompt in caches and replay files. */
  readonly sampleIndex?: number;
}

export interface LlmResponse {
  readonly text: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  /** The provider's response body (or the replayed/cached record), for provenance. */
  readonly raw: unknown;
  /** True when served from a cache or a replay file: no API call, no cost. */
  readonly cached?: boolean;
}

/** Every model backend (OpenAI, Anthropic, OpenAI-compatible, replay) behind one call. */
export interface LlmProvider {
  /** `openai`, `anthropic`, `openai-compatible`, `replay`, ... (part of cache keys). */
  readonly name: string;
  complete(request: LlmRequest): Promise<LlmResponse>;
}
