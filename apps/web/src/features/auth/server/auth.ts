import "server-only";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { getPrisma, hashPassword, verifyPassword } from "@alchemist/db";
import { getEnv } from "@/env";

/** Session lifetime (s) and how old a session gets before a request extends it (s). */
export const SESSION_EXPIRES_IN = 60 * 60 * 24 * 14;
export const SESSION_UPDATE_AGE = 60 * 60 * 24;

function createAuth() {
  const env = getEnv();
  return betterAuth({
    secret: env.BETTER_AUTH_SECRET,
    baseURL: env.BETTER_AUTH_URL,
    // localhost and 127.0.0.1 are the same machine to a developer but different origins to the
    // CSRF check; accept both spellings of the configured URL.
    trustedOrigins: [
      ...new Set(
        [env.BETTER_AUTH_URL, env.BETTER_AUTH_URL.replace("//localhost", "//127.0.0.1"), env.BETTER_AUTH_URL.replace("//127.0.0.1", "//localhost")].map(
          (u) => new URL(u).origin,
        ),
      ),
    ],
    database: prismaAdapter(getPrisma(), { provider: "postgresql" }),
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
      autoSignIn: true,
      // argon2id (packages/db/src/password.ts) instead of better-auth's default scrypt.
      password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(hash, password) },
    },
    session: { expiresIn: SESSION_EXPIRES_IN, updateAge: SESSION_UPDATE_AGE },
    // Our Prisma models generate cuids; let the database do it rather than better-auth.
    advanced: { database: { generateId: false } },
    // Sets the session cookie when server actions call auth.api (sign-in, sign-up, password change).
    plugins: [nextCookies()],
  });
}

type Auth = ReturnType<typeof createAuth>;
const holder = globalThis as { __alchemistAuth?: Auth };

/**
 * The process-wide better-auth instance, created on first use so `next build` needs no database
 * or secret.
 *
 * @example
 * const session = await getAuth().api.getSession({ headers: await headers() });
 */
export function getAuth(): Auth {
  holder.__alchemistAuth ??= createAuth();
  return holder.__alchemistAuth;
}
