import { EngineError } from "../errors/engine-error";
import { createRng } from "../random/create-rng";
import { limitConcurrency } from "./limit-concurrency";
import type { LlmProvider, LlmRequest, LlmResponse } from "./llm-provider";
import { retryDecision } from "./retry-policy";

export interface ResilienceOptions {
  /** Calls in flight at once (default 4). */
  readonly concurrency?: number;
  /** Retries after the first attempt (default 4). */
  readonly retries?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Per-attempt timeout (default 120 s). */
  readonly timeoutMs?: number;
  /** Seeds the jitter so retry timing is reproducible. */
  readonly seed?: number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(new EngineError("ABORTED", "LLM call cancelled"))), { once: true });
  });
}

/**
 * Adds a concurrency limit, a per-attempt timeout and retries with exponential backoff and
 * seeded full jitter (or the server's Retry-After when it sends one) on 429/5xx/timeouts.
 *
 * @example
 * const provider = resilientProvider(createOpenAiProvider({ apiKey }), { concurrency: 4, retries: 4, seed: 42 });
 */
export function resilientProvider(inner: LlmProvider, options: ResilienceOptions = {}): LlmProvider {
  const retries = options.retries ?? 4;
  if (!Number.isInteger(retries) || retries < 0) throw new EngineError("INVALID_ARGUMENT", `retries must be an integer >= 0, got ${retries}`);
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 120_000;
  const sleep = options.sleep ?? defaultSleep;
  const rng = createRng(options.seed ?? 0);
  const limit = limitConcurrency(options.concurrency ?? 4);

  async function attempt(request: LlmRequest): Promise<LlmResponse> {
    const controller = new AbortController();
    const onAbort = (): void => controller.abort(request.signal?.reason);
    request.signal?.addEventListener("abort", onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => ((timedOut = true), controller.abort(new Error("timeout"))), timeoutMs);
    try {
      return await inner.complete({ ...request, signal: controller.signal });
    } catch (error) {
      if (timedOut) throw Object.assign(new Error(`LLM call timed out after ${timeoutMs} ms`), { name: "TimeoutError" });
      throw error;
    } finally {
      clearTimeout(timer);
      request.signal?.removeEventListener("abort", onAbort);
    }
  }

  return {
    name: inner.name,
    complete: (request) =>
      limit(async () => {
        for (let n = 0; ; n++) {
          if (request.signal?.aborted) throw new EngineError("ABORTED", "LLM call cancelled");
          try {
            return await attempt(request);
          } catch (error) {
            const decision = retryDecision(error);
            if (request.signal?.aborted) throw new EngineError("ABORTED", "LLM call cancelled");
            if (!decision.retry || n >= retries) {
              const message = error instanceof Error ? error.message : String(error);
              throw new EngineError("LLM_FAILED", `${inner.name} ${request.model}: ${message} (after ${n + 1} attempt${n === 0 ? "" : "s"})`, { cause: error });
            }
            const delayMs = Math.min(max, decision.retryAfterMs ?? rng() * base * 2 ** n);
            options.onRetry?.({ attempt: n + 1, delayMs, error });
            await sleep(delayMs, request.signal);
          }
        }
      }),
  };
}
