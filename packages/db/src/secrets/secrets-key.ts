import { createHash } from "node:crypto";

/** The variable that holds the 32-byte AES-256-GCM key, base64. */
export const SECRETS_KEY_VARIABLE = "SECRETS_KEY";

/**
 * Development/test only: a fixed key derived from a public string, so `npm run dev` and tests
 * work without setup. Production refuses it (see `resolveSecretsKey`): anyone can compute it.
 */
const DEV_SECRETS_KEY = createHash("sha256").update("alchemist-studio development secrets key (not secret)").digest();

/**
 * Decodes a base64 SECRETS_KEY; throws naming the variable and the byte count when it is not 32 bytes.
 *
 * @example
 * parseSecretsKey(process.env.SECRETS_KEY!); // Buffer(32)
 */
export function parseSecretsKey(value: string): Buffer {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw new Error(`${SECRETS_KEY_VARIABLE} must be base64 (make one with: openssl rand -base64 32)`);
  const key = Buffer.from(trimmed, "base64");
  if (key.length !== 32)
    throw new Error(`${SECRETS_KEY_VARIABLE} must decode to 32 bytes for AES-256-GCM, got ${key.length} (make one with: openssl rand -base64 32)`);
  return key;
}

/**
 * The key to encrypt project secrets with: SECRETS_KEY when set; otherwise a fixed development
 * key, except in production where a missing key is an error naming the variable.
 *
 * @example
 * const key = resolveSecretsKey(env.SECRETS_KEY, process.env.NODE_ENV);
 */
export function resolveSecretsKey(value: string | undefined, nodeEnv: string | undefined): Buffer {
  if (value !== undefined && value.trim() !== "") return parseSecretsKey(value);
  if (nodeEnv === "production")
    throw new Error(
      `${SECRETS_KEY_VARIABLE} is not set: production needs a 32-byte base64 key to encrypt provider API keys (make one with: openssl rand -base64 32)`,
    );
  return DEV_SECRETS_KEY;
}

/** True when `value` is a valid SECRETS_KEY (for env schemas). */
export function isValidSecretsKey(value: string): boolean {
  try {
    parseSecretsKey(value);
    return true;
  } catch {
    return false;
  }
}
