import { EngineError } from "../../errors/engine-error";
import type { LlmProvider } from "../../llm/llm-provider";
import { resilientProvider, type ResilienceOptions } from "../../llm/resilient-provider";
import { createAnthropicProvider } from "./create-anthropic-provider";
import { createOpenAiProvider } from "./create-openai-provider";
import { diskCachedProvider } from "./disk-cached-provider";
import { createReplayProvider, recordingProvider } from "./replay-provider";

export type ProviderKind = "openai" | "anthropic" | "openai-compatible" | "replay";
export const PROVIDER_KINDS: readonly (ProviderKind | "builtin")[] = ["builtin", "openai", "anthropic", "openai-compatible", "replay"];

export interface LlmProviderConfig extends ResilienceOptions {
  readonly kind: ProviderKind;
  /** Keys come from the caller (the CLI's parsed env); the engine never reads process.env. */
  readonly openaiApiKey?: string;
  readonly anthropicApiKey?: string;
  readonly baseURL?: string;
  /** The JSONL file served by `replay`. */
  readonly replayFile?: string;
  /** Append live responses to this JSONL file (a later `replay` run reproduces them). */
  readonly recordFile?: string;
  /** Response cache folder; off when omitted. */
  readonly cacheDir?: string;
  readonly stream?: boolean;
}

/**
 * Builds a provider from configuration: SDK client (or replay file), recording, retries with
 * seeded backoff, concurrency limit, timeouts, then the disk cache outermost so a hit costs nothing.
 *
 * @example
 * const provider = await createLlmProvider({ kind: "openai", openaiApiKey: env.OPENAI_API_KEY, cacheDir: ".cache/llm", seed: 42 });
 */
export async function createLlmProvider(config: LlmProviderConfig): Promise<LlmProvider> {
  if (config.kind === "replay") {
    if (!config.replayFile) throw new EngineError("INVALID_ARGUMENT", "the replay provider needs a file of recorded responses (--replay FILE)");
    return createReplayProvider(config.replayFile);
  }
  const stream = config.stream ? { stream: true } : {};
  const base = config.baseURL ? { baseURL: config.baseURL } : {};
  let provider: LlmProvider;
  if (config.kind === "anthropic")
    provider = createAnthropicProvider({ ...(config.anthropicApiKey ? { apiKey: config.anthropicApiKey } : {}), ...base, ...stream });
  else if (config.kind === "openai" || config.kind === "openai-compatible") {
    if (config.kind === "openai-compatible" && !config.baseURL)
      throw new EngineError(
        "INVALID_ARGUMENT",
        "the openai-compatible provider needs a base URL (--base-url or ALCHEMIST_LLM_BASE_URL), e.g. http://127.0.0.1:11434/v1",
      );
    provider = createOpenAiProvider({ ...(config.openaiApiKey ? { apiKey: config.openaiApiKey } : {}), ...base, ...stream, name: config.kind });
  } else throw new EngineError("INVALID_ARGUMENT", `unknown provider "${String(config.kind)}" (known: ${PROVIDER_KINDS.join(", ")})`);
  if (config.recordFile) provider = recordingProvider(provider, config.recordFile);
  provider = resilientProvider(provider, config);
  return config.cacheDir ? diskCachedProvider(provider, config.cacheDir) : provider;
}
