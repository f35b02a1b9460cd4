/**
 * Token estimate without a tokenizer: characters / 4 (OpenAI's rule of thumb for English;
 * off by maybe ±30% for code and other languages).
 *
 * @example
 * estimateTokens("what is the category of this sms text: hi"); // 11
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}
