import type { LlmProvider } from "@alchemist/engine";
import { readProjectSecret, redactSecrets, resolveSecretsKey, SECRET_PROVIDERS, type Db } from "@alchemist/db";
import { workerLlmProvider, type WorkerLlmConfig } from "../generate-programs/worker-llm";

/** Where a job's LLM key came from; recorded (never the key) so a user can tell. */
export type CredentialSource = "project" | "worker-env" | "none";

export interface ProjectLlmCredentials {
  /** The configuration to build the provider with: the project's key when it has one, else the worker's env keys. */
  readonly config: WorkerLlmConfig;
  readonly source: CredentialSource;
  /** Every key this job may hold, for `redact`. */
  readonly secrets: readonly string[];
  /** Removes those keys (and provider-shaped keys) from a text before it is stored or logged. */
  redact(text: string): string;
}

/**
 * The LLM credentials a job of `projectId` uses for `provider`, decrypted at run time: the
 * project's stored key (Settings -> provider keys) when it has one, else the worker's
 * environment keys. Keys never go into job payloads, sandboxes or the database in clear.
 * Shared by generate-programs and refine-program.
 *
 * @example
 * const creds = await projectLlmCredentials(prisma, projectId, "openai", llm);
 * const provider = await workerLlmProvider("openai", creds.config, seed);
 * await markFailed(creds.redact(error.message));
 */
export async function projectLlmCredentials(db: Db, projectId: string, provider: string, llm: WorkerLlmConfig): Promise<ProjectLlmCredentials> {
  const envSecrets = [llm.openaiApiKey, llm.anthropicApiKey].filter((s): s is string => !!s);
  const make = (config: WorkerLlmConfig, source: CredentialSource, secrets: readonly string[]): ProjectLlmCredentials => ({
    config,
    source,
    secrets,
    redact: (text) => redactSecrets(text, secrets),
  });
  if (!(SECRET_PROVIDERS as readonly string[]).includes(provider)) return make(llm, "none", envSecrets);
  const key = llm.secretsKey ?? resolveSecretsKey(process.env.SECRETS_KEY, process.env.NODE_ENV);
  const stored = await readProjectSecret(db, projectId, provider, key);
  if (!stored) {
    const hasEnvKey = provider === "anthropic" ? !!llm.anthropicApiKey : !!(llm.openaiApiKey || llm.baseURL);
    return make(llm, hasEnvKey ? "worker-env" : "none", envSecrets);
  }
  const secrets = [stored.apiKey, ...envSecrets];
  const common = {
    cacheDir: llm.cacheDir,
    ...(llm.retries !== undefined ? { retries: llm.retries } : {}),
    ...(llm.timeoutMs !== undefined ? { timeoutMs: llm.timeoutMs } : {}),
  };
  if (provider === "anthropic") return make({ ...common, anthropicApiKey: stored.apiKey }, "project", secrets);
  // openai: the operator's ALCHEMIST_LLM_BASE_URL (if any) still applies; openai-compatible: the
  // server an owner stored with the key. A generation request never chooses where a key is sent.
  const baseURL = provider === "openai-compatible" ? (stored.baseUrl ?? undefined) : llm.baseURL;
  return make({ ...common, openaiApiKey: stored.apiKey, baseURL }, "project", secrets);
}

/**
 * `projectLlmCredentials` + the provider built from them (`undefined` for builtin).
 *
 * @example
 * const { provider, credentials } = await createProjectLlmProvider(prisma, projectId, "anthropic", llm, 42);
 */
export async function createProjectLlmProvider(
  db: Db,
  projectId: string,
  kind: string,
  llm: WorkerLlmConfig,
  seed: number,
): Promise<{ provider: LlmProvider | undefined; credentials: ProjectLlmCredentials }> {
  const credentials = await projectLlmCredentials(db, projectId, kind, llm);
  try {
    return { provider: await workerLlmProvider(kind, credentials.config, seed), credentials };
  } catch (error) {
    throw new Error(credentials.redact((error as Error).message), { cause: error });
  }
}
