import { createHmac, randomBytes } from "node:crypto";
import type { Db } from "../client";
import { hashPassword } from "../password";

/** better-auth's session cookie name (the `__Secure-` variant is used on https). */
export const SESSION_COOKIE = "better-auth.session_token";

/**
 * Creates a user who signs in with email + password (better-auth's layout: the argon2id hash
 * lives on a "credential" Account), or resets the password of an existing one. For seeds,
 * tests and benchmarks; people sign up through the studio.
 *
 * @example
 * const user = await upsertPasswordUser(prisma, { email: "demo@alchemist.local", password: "..." });
 */
export async function upsertPasswordUser(db: Db, input: { email: string; password: string; name?: string }) {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`"${input.email}" is not an email address`);
  const password = await hashPassword(input.password);
  const user = await db.user.upsert({ where: { email }, create: { email, name: input.name ?? email.split("@")[0] ?? email }, update: {} });
  const account = await db.account.findFirst({ where: { userId: user.id, providerId: "credential" }, select: { id: true } });
  if (account) await db.account.update({ where: { id: account.id }, data: { password } });
  else await db.account.create({ data: { userId: user.id, providerId: "credential", accountId: user.id, password } });
  return user;
}

/**
 * Opens a database session for a user without a password round trip (tests, the load bench);
 * returns the raw session token. Turn it into a cookie with `sessionCookie`.
 *
 * @example
 * const { token } = await createUserSession(prisma, user.id);
 */
export async function createUserSession(db: Db, userId: string, options: { ttlSeconds?: number; now?: Date } = {}) {
  const ttl = options.ttlSeconds ?? 24 * 3600;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error(`session lifetime must be a positive number of seconds, got ${ttl}`);
  const token = randomBytes(24).toString("base64url");
  const now = options.now ?? new Date();
  const session = await db.session.create({ data: { userId, token, expiresAt: new Date(now.getTime() + ttl * 1000) } });
  return { token, sessionId: session.id, expiresAt: session.expiresAt };
}

/**
 * The signed session cookie a browser would hold for `token` (HMAC-SHA256 with the studio's
 * BETTER_AUTH_SECRET, base64, as better-auth signs it). Send it as `Cookie: <name>=<value>`.
 *
 * @example
 * const c = sessionCookie(token, process.env.BETTER_AUTH_SECRET!);
 * await fetch(url, { headers: { cookie: `${c.name}=${c.value}` } });
 */
export function sessionCookie(token: string, secret: string, options: { secure?: boolean } = {}): { name: string; value: string } {
  const signature = createHmac("sha256", secret).update(token).digest("base64");
  return { name: options.secure ? `__Secure-${SESSION_COOKIE}` : SESSION_COOKIE, value: encodeURIComponent(`${token}.${signature}`) };
}
