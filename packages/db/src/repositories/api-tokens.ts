import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../client";

/** Every token starts with this, so leaked tokens are recognisable by secret scanners. */
export const API_TOKEN_PREFIX = "alc_";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/**
 * Creates a personal API token; the plain token is returned once, only its sha256 and a short
 * display prefix are stored.
 *
 * @example
 * const { token } = await createApiToken(prisma, userId, "laptop CLI");
 */
export async function createApiToken(db: Db, userId: string, name: string) {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 100) throw new Error(`token name must be 1-100 characters, got ${trimmed.length}`);
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const apiToken = await db.apiToken.create({
    data: { userId, name: trimmed, prefix: token.slice(0, API_TOKEN_PREFIX.length + 6), tokenHash: sha256(token) },
    select: { id: true, name: true, prefix: true, createdAt: true },
  });
  return { apiToken, token };
}

/**
 * The user id of a valid (unrevoked) token, or null; marks it used at most once a minute so
 * busy clients do not write on every request.
 *
 * @example
 * const userId = await resolveApiToken(prisma, bearer);
 */
export async function resolveApiToken(db: Db, token: string, now = new Date()): Promise<string | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db.apiToken.findUnique({ where: { tokenHash: sha256(token) }, select: { id: true, userId: true, revokedAt: true, lastUsedAt: true } });
  if (!row || row.revokedAt) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return row.userId;
}

/**
 * The user's tokens (never the secret), newest first.
 *
 * @example
 * const tokens = await listApiTokens(prisma, userId);
 */
export async function listApiTokens(db: Db, userId: string) {
  return db.apiToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, lastUsedAt: true, revokedAt: true, createdAt: true },
  });
}

/**
 * Revokes one of the user's tokens; false when it is not theirs or already revoked.
 *
 * @example
 * await revokeApiToken(prisma, userId, tokenId);
 */
export async function revokeApiToken(db: Db, userId: string, tokenId: string): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}
