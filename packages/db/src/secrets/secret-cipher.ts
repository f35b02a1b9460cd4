import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** One encrypted value as stored: AES-256-GCM with a fresh 12-byte IV and a 16-byte tag. */
export interface SealedSecret {
  readonly ciphertext: Uint8Array;
  readonly iv: Uint8Array;
  readonly authTag: Uint8Array;
}

const ALGORITHM = "aes-256-gcm";

function checkKey(key: Uint8Array): void {
  if (key.length !== 32) throw new Error(`the secrets key must be 32 bytes for AES-256-GCM, got ${key.length}`);
}

/**
 * Encrypts a secret with AES-256-GCM. `context` (e.g. "projectId:provider") is bound as
 * additional data, so a ciphertext copied onto another project's row does not decrypt.
 *
 * @example
 * const sealed = encryptSecret("sk-...", key, `${projectId}:openai`);
 */
export function encryptSecret(plaintext: string, key: Uint8Array, context: string): SealedSecret {
  checkKey(key);
  if (plaintext.length === 0) throw new Error("refusing to encrypt an empty secret");
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { ciphertext, iv, authTag: cipher.getAuthTag() };
}

/**
 * Decrypts what `encryptSecret` sealed. A wrong key, another context or any changed byte fails
 * GCM authentication and throws (never returns garbage); the message carries no secret material.
 *
 * @example
 * const apiKey = decryptSecret(row, key, `${row.projectId}:${row.provider}`);
 */
export function decryptSecret(sealed: SealedSecret, key: Uint8Array, context: string): string {
  checkKey(key);
  if (sealed.iv.length !== 12 || sealed.authTag.length !== 16)
    throw new Error(`a sealed secret needs a 12-byte IV and a 16-byte tag, got ${sealed.iv.length} and ${sealed.authTag.length}`);
  const decipher = createDecipheriv(ALGORITHM, key, sealed.iv);
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(sealed.authTag);
  try {
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(`the secret for ${context} cannot be decrypted: SECRETS_KEY differs from the one that encrypted it, or the stored value was altered`);
  }
}
