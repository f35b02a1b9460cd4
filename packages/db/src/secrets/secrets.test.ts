import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-cipher";
import { parseSecretsKey, resolveSecretsKey } from "./secrets-key";
import { redactSecrets } from "./redact-secrets";

const key = randomBytes(32);
const apiKey = "sk-test-0123456789abcdefWXYZ";

describe("secret cipher (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time so equal keys never look equal at rest", () => {
    const a = encryptSecret(apiKey, key, "p1:openai");
    const b = encryptSecret(apiKey, key, "p1:openai");
    expect(decryptSecret(a, key, "p1:openai")).toBe(apiKey);
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.ciphertext).equals(Buffer.from(b.ciphertext))).toBe(false);
    expect(Buffer.from(a.ciphertext).toString("utf8")).not.toContain("0123456789");
    expect(decryptSecret(encryptSecret("ключ-✓", key, "c"), key, "c")).toBe("ключ-✓");
  });

  it("detects a changed ciphertext, tag or IV", () => {
    const sealed = encryptSecret(apiKey, key, "p1:openai");
    const flip = (bytes: Uint8Array, at: number) => {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 1;
      return copy;
    };
    expect(() => decryptSecret({ ...sealed, ciphertext: flip(sealed.ciphertext, 3) }, key, "p1:openai")).toThrow(/cannot be decrypted/);
    expect(() => decryptSecret({ ...sealed, authTag: flip(sealed.authTag, 0) }, key, "p1:openai")).toThrow(/cannot be decrypted/);
    expect(() => decryptSecret({ ...sealed, iv: flip(sealed.iv, 11) }, key, "p1:openai")).toThrow(/cannot be decrypted/);
  });

  it("refuses a wrong key and another project's context, without echoing the secret", () => {
    const sealed = encryptSecret(apiKey, key, "p1:openai");
    let message = "";
    try {
      decryptSecret(sealed, randomBytes(32), "p1:openai");
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/SECRETS_KEY differs/);
    expect(message).not.toContain(apiKey);
    expect(() => decryptSecret(sealed, key, "p2:openai")).toThrow(/cannot be decrypted/);
    expect(() => encryptSecret(apiKey, randomBytes(16), "c")).toThrow(/32 bytes.*got 16/);
    expect(() => encryptSecret("", key, "c")).toThrow(/empty/);
  });
});

describe("SECRETS_KEY", () => {
  it("decodes 32 base64 bytes and names the variable when it is short or not base64", () => {
    expect(parseSecretsKey(key.toString("base64"))).toEqual(key);
    expect(() => parseSecretsKey(randomBytes(16).toString("base64"))).toThrow(/SECRETS_KEY must decode to 32 bytes.*got 16/);
    expect(() => parseSecretsKey("not base64!")).toThrow(/SECRETS_KEY must be base64/);
  });

  it("uses the development key only outside production", () => {
    expect(resolveSecretsKey(undefined, "test")).toHaveLength(32);
    expect(resolveSecretsKey("", "development")).toEqual(resolveSecretsKey(undefined, "test"));
    expect(() => resolveSecretsKey(undefined, "production")).toThrow(/SECRETS_KEY is not set/);
    expect(resolveSecretsKey(key.toString("base64"), "production")).toEqual(key);
  });
});

describe("redactSecrets", () => {
  it("removes a key a provider error echoes, in plain, URL-encoded and JSON-escaped forms", () => {
    const odd = 'abc+/def=ghi"jk';
    const text = `401 Incorrect API key provided: ${apiKey}. url=https://x/?k=${encodeURIComponent(odd)} body={"key":${JSON.stringify(odd)}}`;
    const out = redactSecrets(text, [apiKey, odd]);
    expect(out).not.toContain(apiKey);
    expect(out).not.toContain(odd);
    expect(out).not.toContain(encodeURIComponent(odd));
    expect(out).toContain("[redacted …WXYZ]");
    expect(out).toMatch(/^401 Incorrect API key provided: \[redacted …WXYZ\]\. url=/);
  });

  it("redacts provider-shaped keys it was not told about and leaves short or absent secrets alone", () => {
    expect(redactSecrets("bad key sk-ant-api03-AAAABBBBCCCCDDDDEEEE here", [])).toBe("bad key [redacted …EEEE] here");
    expect(redactSecrets("the cat sat", ["cat", undefined, null])).toBe("the cat sat");
    expect(redactSecrets("no secrets here", [apiKey])).toBe("no secrets here");
  });
});
