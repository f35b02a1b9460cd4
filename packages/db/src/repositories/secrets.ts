import type { Db } from "../client";
import { decryptSecret, encryptSecret } from "../secrets/secret-cipher";

/** Providers a project can hold an API key for. */
export const SECRET_PROVIDERS = ["openai", "anthropic", "openai-compatible"] as const;
export type SecretProvider = (typeof SECRET_PROVIDERS)[number];

/** What may leave the server about a stored key: never the key, only its last 4 characters. */
export interface ProjectSecretInfo {
  readonly provider: SecretProvider;
  readonly last4: string;
  readonly baseUrl: string | null;
  readonly keyVersion: number;
  readonly createdBy: string | null;
  readonly updatedBy: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The AAD bound into each ciphertext: a row copied to another project or provider stops decrypting. */
const context = (projectId: string, provider: string): string => `${projectId}:${provider}`;

function checkProvider(provider: string): asserts provider is SecretProvider {
  if (!(SECRET_PROVIDERS as readonly string[]).includes(provider))
    throw new Error(`unknown provider "${provider}"; keys can be stored for ${SECRET_PROVIDERS.join(", ")}`);
}

/**
 * Stores (or replaces) a project's key for a provider, encrypted with `key` (SECRETS_KEY).
 * Returns the metadata only.
 *
 * @example
 * await setProjectSecret(prisma, { projectId, provider: "openai", apiKey: "sk-...", actorId, key });
 */
export async function setProjectSecret(
  db: Db,
  o: { projectId: string; provider: string; apiKey: string; baseUrl?: string | null; actorId: string | null; key: Uint8Array; keyVersion?: number },
): Promise<ProjectSecretInfo> {
  checkProvider(o.provider);
  const apiKey = o.apiKey.trim();
  if (apiKey.length < 8) throw new Error(`an API key has at least 8 characters, got ${apiKey.length}`);
  if (o.provider === "openai-compatible" && !o.baseUrl) throw new Error("an openai-compatible key needs the server's base URL, e.g. http://127.0.0.1:11434/v1");
  const sealed = encryptSecret(apiKey, o.key, context(o.projectId, o.provider));
  const data = {
    ciphertext: Buffer.from(sealed.ciphertext),
    iv: Buffer.from(sealed.iv),
    authTag: Buffer.from(sealed.authTag),
    keyVersion: o.keyVersion ?? 1,
    last4: apiKey.slice(-4),
    baseUrl: o.provider === "openai-compatible" ? (o.baseUrl ?? null) : null,
    updatedById: o.actorId,
  };
  await db.projectSecret.upsert({
    where: { projectId_provider: { projectId: o.projectId, provider: o.provider } },
    create: { projectId: o.projectId, provider: o.provider, createdById: o.actorId, ...data },
    update: data,
  });
  const [info] = (await listProjectSecrets(db, o.projectId)).filter((s) => s.provider === o.provider);
  return info!;
}

/**
 * Deletes a project's key for a provider; false when there was none.
 *
 * @example
 * await deleteProjectSecret(prisma, projectId, "openai");
 */
export async function deleteProjectSecret(db: Db, projectId: string, provider: string): Promise<boolean> {
  checkProvider(provider);
  const { count } = await db.projectSecret.deleteMany({ where: { projectId, provider } });
  return count > 0;
}

/**
 * The project's stored keys as metadata (provider, last 4, base URL, who and when, by email).
 *
 * @example
 * const keys = await listProjectSecrets(prisma, projectId); // [{ provider: "openai", last4: "WXYZ", ... }]
 */
export async function listProjectSecrets(db: Db, projectId: string): Promise<ProjectSecretInfo[]> {
  const rows = await db.projectSecret.findMany({
    where: { projectId },
    orderBy: { provider: "asc" },
    select: { provider: true, last4: true, baseUrl: true, keyVersion: true, createdById: true, updatedById: true, createdAt: true, updatedAt: true },
  });
  const ids = [...new Set(rows.flatMap((r) => [r.createdById, r.updatedById]).filter((id): id is string => !!id))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } }) : [];
  const email = (id: string | null) => (id ? (users.find((u) => u.id === id)?.email ?? id) : null);
  return rows.map((r) => ({
    provider: r.provider as SecretProvider,
    last4: r.last4,
    baseUrl: r.baseUrl,
    keyVersion: r.keyVersion,
    createdBy: email(r.createdById),
    updatedBy: email(r.updatedById),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  }));
}

/**
 * The decrypted key of a project for a provider, or null when it has none. Server-side only
 * (worker jobs at run time); the value must never be put in a job payload, a sandbox or a response.
 *
 * @example
 * const secret = await readProjectSecret(prisma, projectId, "openai", key); // { apiKey: "sk-...", baseUrl: null } | null
 */
export async function readProjectSecret(
  db: Db,
  projectId: string,
  provider: string,
  key: Uint8Array,
): Promise<{ apiKey: string; baseUrl: string | null } | null> {
  checkProvider(provider);
  const row = await db.projectSecret.findUnique({ where: { projectId_provider: { projectId, provider } } });
  if (!row) return null;
  return { apiKey: decryptSecret(row, key, context(projectId, provider)), baseUrl: row.baseUrl };
}
