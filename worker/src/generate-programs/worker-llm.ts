import type { LlmProvider } from "@alchemist/engine";
import { createLlmProvider } from "@alchemist/engine/node";

/** The worker's LLM configuration, from its environment (never from job payloads). */
export interface WorkerLlmConfig {
  readonly openaiApiKey?: string | undefined;
  readonly anthropicApiKey?: string | undefined;
  /** OpenAI-compatible server (with /v1): required by `openai-compatible`, used by `openai` when set. */
  readonly baseURL?: string | undefined;
  readonly cacheDir?: string | undefined;
  /** Retries on 429/5xx (default 3); tests use 0. */
  readonly retries?: number;
  readonly timeoutMs?: number;
  /** SECRETS_KEY (32 bytes) that decrypts project keys; default: resolved from the process env. */
  readonly secretsKey?: Uint8Array;
}

const PROVIDERS = ["builtin", "openai", "anthropic", "openai-compatible"] as const;

/**
 * The provider a generation request names, built with the given keys (a project's key or the
 * worker's env, see `projectLlmCredentials`); `undefined` for the builtin synthesizer. Missing
 * keys fail saying where to set one.
 *
 * @example
 * const provider = await workerLlmProvider("openai", { openaiApiKey: env.OPENAI_API_KEY }, 42);
 */
export async function workerLlmProvider(kind: string, config: WorkerLlmConfig, seed: number): Promise<LlmProvider | undefined> {
  if (!(PROVIDERS as readonly string[]).includes(kind)) throw new Error(`unknown provider "${kind}" (the worker knows ${PROVIDERS.join(", ")})`);
  if (kind === "builtin") return undefined;
  if (kind === "openai" && !config.openaiApiKey && !config.baseURL)
    throw new Error("provider openai needs an API key: add one in the project's Settings (owners), or set OPENAI_API_KEY in the worker's environment");
  if (kind === "anthropic" && !config.anthropicApiKey)
    throw new Error("provider anthropic needs an API key: add one in the project's Settings (owners), or set ANTHROPIC_API_KEY in the worker's environment");
  if (kind === "openai-compatible" && !config.baseURL)
    throw new Error(
      "provider openai-compatible needs a server: add its key and base URL in the project's Settings (owners), or set ALCHEMIST_LLM_BASE_URL in the worker's environment, e.g. http://127.0.0.1:11434/v1",
    );
  return createLlmProvider({
    kind: kind as "openai" | "anthropic" | "openai-compatible",
    // a local compatible server usually ignores the key, but the SDK insists on one
    ...(config.openaiApiKey || config.baseURL ? { openaiApiKey: config.openaiApiKey ?? "unused" } : {}),
    ...(config.anthropicApiKey ? { anthropicApiKey: config.anthropicApiKey } : {}),
    ...(config.baseURL && kind !== "anthropic" ? { baseURL: config.baseURL } : {}),
    ...(config.cacheDir ? { cacheDir: config.cacheDir } : {}),
    retries: config.retries ?? 3,
    ...(config.timeoutMs !== undefined ? { timeoutMs: config.timeoutMs } : {}),
    seed,
  });
}
