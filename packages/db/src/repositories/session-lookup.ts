import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "../client";
import { queryRows } from "../query-rows";

/**
 * The session token inside a signed better-auth session cookie value (`<token>.<base64
 * HMAC-SHA256(secret, token)>`, already URL-decoded), or null when it is malformed or its
 * signature does not match. Synchronous node:crypto: a page checks it on every request.
 *
 * @example
 * const token = verifySessionCookie(cookies().get("better-auth.session_token")?.value ?? "", secret);
 */
export function verifySessionCookie(value: string, secret: string): string | null {
  const dot = value.lastIndexOf(".");
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = Buffer.from(value.slice(dot + 1), "base64");
  const expected = createHmac("sha256", secret).update(token).digest();
  return signature.length === expected.length && timingSafeEqual(signature, expected) ? token : null;
}

/**
 * The session of `token` with its user's id, email and name, in one query (a join: Prisma's
 * nested select would read the session and the user in two round trips); null when there is no
 * such session. Expiry is the caller's to check.
 *
 * @example
 * const session = await findSessionUser(prisma, token); // { userId, email, name, expiresAt } | null
 */
export async function findSessionUser(db: Db, token: string): Promise<{ userId: string; email: string; name: string; expiresAt: Date } | null> {
  const [row] = await queryRows<{ userId: string; email: string; name: string; expiresAt: Date }>(db)`
    SELECT u."id" AS "userId", u."email", u."name", s."expiresAt" FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."token" = ${token}`;
  return row ?? null;
}
