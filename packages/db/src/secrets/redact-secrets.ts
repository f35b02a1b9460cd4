/** What replaces a secret in text: enough to tell which key it was, nothing to reuse. */
export const redactedMark = (secret: string): string => `[redacted …${secret.slice(-4)}]`;

// Shapes of provider keys, redacted even when the exact key is not known to the caller
// (e.g. a worker env key echoed by a proxy): OpenAI sk-/sk-proj-, Anthropic sk-ant-.
const KEY_SHAPES = /\b(sk-(?:ant-|proj-)?[A-Za-z0-9_-]{16,})\b/g;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Removes every occurrence of the given secrets from a text (as written, URL-encoded and
 * JSON-escaped), plus anything shaped like a provider key. Used before an LLM error is stored
 * (GenerationRequest.error, Job.error) or logged. Secrets shorter than 6 characters are
 * skipped: replacing them would mangle ordinary words and they are not real keys.
 *
 * @example
 * redactSecrets("401: Incorrect API key provided: sk-abc123def456ghi789", ["sk-abc123def456ghi789"]);
 * // "401: Incorrect API key provided: [redacted …i789]"
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined | null)[]): string {
  let out = text;
  const known = [...new Set(secrets.filter((s): s is string => typeof s === "string" && s.length >= 6))].sort((a, b) => b.length - a.length);
  for (const secret of known) {
    for (const form of new Set([secret, encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)])) {
      out = out.replace(new RegExp(escapeRegExp(form), "g"), redactedMark(secret));
    }
  }
  return out.replace(KEY_SHAPES, (match) => redactedMark(match));
}
