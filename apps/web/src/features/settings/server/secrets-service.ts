import "server-only";
import { z } from "zod";
import { deleteProjectSecret, getPrisma, listProjectSecrets, recordAudit, resolveSecretsKey, SECRET_PROVIDERS, setProjectSecret } from "@alchemist/db";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";

/** What the settings page shows of a key: never the key itself. */
export interface SecretView {
  readonly provider: string;
  readonly last4: string;
  readonly baseUrl: string | null;
  readonly updatedBy: string | null;
  readonly updatedAt: string;
}

export const SaveSecretInput = z.object({
  projectId: z.string().min(1).max(100),
  provider: z.enum(SECRET_PROVIDERS),
  apiKey: z
    .string()
    .trim()
    .min(8, "An API key has at least 8 characters")
    .max(500, "An API key has at most 500 characters")
    .regex(/^\S+$/, "An API key has no spaces"),
  baseUrl: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z
      .url({ protocol: /^https?$/, error: "The base URL must be an http(s) URL, e.g. http://127.0.0.1:11434/v1" })
      .max(500)
      .optional(),
  ),
});
export const DeleteSecretInput = z.object({ projectId: z.string().min(1).max(100), provider: z.enum(SECRET_PROVIDERS) });

/** SECRETS_KEY, or an error naming it (production without one). */
function secretsKey(): Buffer {
  try {
    return resolveSecretsKey(getEnv().SECRETS_KEY, process.env.NODE_ENV);
  } catch (error) {
    throw new AppError("UNAVAILABLE", (error as Error).message);
  }
}

/**
 * The project's stored provider keys as metadata (provider, last 4, base URL, who and when).
 *
 * @example
 * const keys = await listSecrets(projectId);
 */
export async function listSecrets(projectId: string): Promise<SecretView[]> {
  const rows = await listProjectSecrets(getPrisma(), projectId);
  return rows.map((r) => ({
    provider: r.provider,
    last4: r.last4,
    baseUrl: r.baseUrl,
    updatedBy: r.updatedBy ?? r.createdBy,
    updatedAt: r.updatedAt.toISOString(),
  }));
}

/**
 * Encrypts and stores (or replaces) a provider key, audited as `secret.set` with its last 4 only.
 *
 * @example
 * await saveSecret({ projectId, provider: "openai", apiKey: "sk-..." }, actor.userId);
 */
export async function saveSecret(input: z.infer<typeof SaveSecretInput>, actorId: string): Promise<SecretView> {
  if (input.provider === "openai-compatible" && !input.baseUrl)
    throw new AppError("BAD_REQUEST", "An openai-compatible key needs the server's base URL, e.g. http://127.0.0.1:11434/v1");
  const db = getPrisma();
  const info = await setProjectSecret(db, {
    projectId: input.projectId,
    provider: input.provider,
    apiKey: input.apiKey,
    baseUrl: input.baseUrl ?? null,
    actorId,
    key: secretsKey(),
  });
  await recordAudit(db, {
    projectId: input.projectId,
    actorId,
    action: "secret.set",
    targetType: "secret",
    targetId: input.provider,
    details: { provider: input.provider, last4: info.last4, ...(info.baseUrl ? { baseUrl: info.baseUrl } : {}) },
  });
  return { provider: info.provider, last4: info.last4, baseUrl: info.baseUrl, updatedBy: info.updatedBy, updatedAt: info.updatedAt.toISOString() };
}

/**
 * Deletes a provider key, audited as `secret.delete`.
 *
 * @example
 * await deleteSecret({ projectId, provider: "openai" }, actor.userId);
 */
export async function deleteSecret(input: z.infer<typeof DeleteSecretInput>, actorId: string): Promise<void> {
  const db = getPrisma();
  if (!(await deleteProjectSecret(db, input.projectId, input.provider))) throw new AppError("NOT_FOUND", `this project has no ${input.provider} key`);
  await recordAudit(db, {
    projectId: input.projectId,
    actorId,
    action: "secret.delete",
    targetType: "secret",
    targetId: input.provider,
    details: { provider: input.provider },
  });
}
