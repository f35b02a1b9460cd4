import { appendFile, readFile } from "node:fs/promises";
import { EngineError } from "../../errors/engine-error";
import { cacheKey } from "../../llm/cache-key";
import type { LlmProvider } from "../../llm/llm-provider";

/** One line of a replay file. */
export interface ReplayRecord {
  readonly key: string;
  readonly provider: string;
  readonly model: string;
  readonly text: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/**
 * Serves responses recorded in a JSONL file (see {@link recordingProvider}), keyed by the
 * request hash of the provider they were recorded from: a reproducible run with no API calls.
 * A request that was not recorded is an error naming the file and the model.
 *
 * @example
 * const provider = await createReplayProvider("runs/sms.jsonl");
 */
export async function createReplayProvider(path: string): Promise<LlmProvider> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new EngineError("INVALID_ARGUMENT", `${path}: cannot read the replay file (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const records = new Map<string, ReplayRecord>();
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    try {
      const r = JSON.parse(line) as ReplayRecord;
      records.set(`${r.key}`, r);
    } catch {
      throw new EngineError("INVALID_ARGUMENT", `${path} line ${i + 1}: not JSON`);
    }
  });
  const providers = [...new Set([...records.values()].map((r) => r.provider))];
  return {
    name: "replay",
    async complete(request) {
      for (const provider of providers) {
        const r = records.get(await cacheKey(provider, request));
        if (r) return { text: r.text, inputTokens: r.inputTokens, outputTokens: r.outputTokens, raw: r, cached: true };
      }
      throw new EngineError(
        "LLM_FAILED",
        `${path}: no recorded response for this ${request.model} request (${records.size} records from ${providers.join(", ") || "no provider"}); record it with --record`,
      );
    },
  };
}

/**
 * Appends every live response to a JSONL replay file as it arrives.
 *
 * @example
 * const provider = recordingProvider(createOpenAiProvider({ apiKey }), "runs/sms.jsonl");
 */
export function recordingProvider(inner: LlmProvider, path: string): LlmProvider {
  return {
    name: inner.name,
    async complete(request) {
      const response = await inner.complete(request);
      const record: ReplayRecord = {
        key: await cacheKey(inner.name, request),
        provider: inner.name,
        model: request.model,
        text: response.text,
        inputTokens: response.inputTokens,
        outputTokens: response.outputTokens,
      };
      await appendFile(path, `${JSON.stringify(record)}\n`);
      return response;
    },
  };
}
