import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { cacheKey } from "../../llm/cache-key";
import type { LlmProvider } from "../../llm/llm-provider";

/**
 * A response cache on disk: `<dir>/<sha256>.json` keyed by provider, model, prompt, params and
 * sample index. A hit makes no call and is marked `cached` (free in the ledger).
 *
 * @example
 * const provider = diskCachedProvider(createOpenAiProvider({ apiKey }), ".alchemist-cache/llm");
 */
export function diskCachedProvider(inner: LlmProvider, dir: string): LlmProvider {
  return {
    name: inner.name,
    async complete(request) {
      const key = await cacheKey(inner.name, request);
      const file = join(dir, `${key}.json`);
      try {
        const hit = JSON.parse(await readFile(file, "utf8")) as { text: string; inputTokens: number; outputTokens: number; raw: unknown };
        return { ...hit, cached: true };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT" && !(error instanceof SyntaxError)) throw error;
      }
      const response = await inner.complete(request);
      await mkdir(dir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify({ text: response.text, inputTokens: response.inputTokens, outputTokens: response.outputTokens, raw: response.raw }));
      await rename(temp, file);
      return response;
    },
  };
}
