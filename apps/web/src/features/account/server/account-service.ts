import "server-only";
import { headers } from "next/headers";
import { createApiToken, getPrisma, listApiTokens, recordAudit, revokeApiToken } from "@alchemist/db";
import { getAuth, toAppError } from "@/features/auth";
import { AppError } from "@/lib/app-error";

/**
 * Changes the signed-in user's password (better-auth verifies the current one and re-hashes with
 * argon2id) and ends every other session, so a stolen cookie stops working.
 *
 * @example
 * await changePassword(userId, { currentPassword, newPassword });
 */
export async function changePassword(userId: string, input: { currentPassword: string; newPassword: string }): Promise<void> {
  try {
    await getAuth().api.changePassword({ body: { ...input, revokeOtherSessions: true }, headers: await headers() });
  } catch (error) {
    const mapped = toAppError(error);
    // better-auth words a wrong current password as "Invalid password".
    if (mapped instanceof AppError && /invalid password/i.test(mapped.message)) throw new AppError("BAD_REQUEST", "the current password is wrong");
    throw mapped;
  }
  await recordAudit(getPrisma(), { projectId: null, actorId: userId, action: "account.password-change", targetType: "user", targetId: userId });
}

/**
 * Creates a personal API token and returns it once (only its hash is kept).
 *
 * @example
 * const { token } = await issueApiToken(userId, "laptop CLI");
 */
export async function issueApiToken(userId: string, name: string) {
  const db = getPrisma();
  const { apiToken, token } = await createApiToken(db, userId, name);
  await recordAudit(db, {
    projectId: null,
    actorId: userId,
    action: "token.create",
    targetType: "api-token",
    targetId: apiToken.id,
    details: { name: apiToken.name, prefix: apiToken.prefix },
  });
  return { apiToken, token };
}

/**
 * Revokes one of the user's tokens; 404 when it is not theirs or already revoked.
 *
 * @example
 * await withdrawApiToken(userId, tokenId);
 */
export async function withdrawApiToken(userId: string, tokenId: string): Promise<void> {
  const db = getPrisma();
  if (!(await revokeApiToken(db, userId, tokenId))) throw new AppError("NOT_FOUND", "no such active token");
  await recordAudit(db, { projectId: null, actorId: userId, action: "token.revoke", targetType: "api-token", targetId: tokenId });
}

/**
 * The account page's data: email and the user's tokens (never their secrets).
 *
 * @example
 * const { email, tokens } = await getAccount(userId);
 */
export async function getAccount(userId: string) {
  const db = getPrisma();
  const [user, tokens] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } }),
    listApiTokens(db, userId),
  ]);
  return { ...user, tokens };
}
