import { hash, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane). Changing these only affects new hashes:
// the encoded hash carries its own parameters, so old passwords still verify.
const ARGON2ID = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Hashes a password with argon2id (the studio's sign-in and the demo seed share it).
 *
 * @example
 * const stored = await hashPassword("correct horse battery staple"); // "$argon2id$v=19$m=19456,t=2,p=1$..."
 */
export async function hashPassword(password: string): Promise<string> {
  if (password.length === 0 || password.length > 1024) throw new Error(`passwords must be 1-1024 characters, got ${password.length}`);
  return hash(password, ARGON2ID);
}

/**
 * Checks a password against a stored argon2 hash; false for a mismatch or a malformed hash.
 *
 * @example
 * if (!(await verifyPassword(stored, attempt))) throw new Error("wrong password");
 */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
