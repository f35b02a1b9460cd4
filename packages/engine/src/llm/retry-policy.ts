/** What to do about a failed call: retry (maybe after the server's Retry-After) or give up. */
export interface RetryDecision {
  readonly retry: boolean;
  readonly retryAfterMs?: number;
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === "string" ? value : undefined;
}

function retryAfter(headers: unknown): number | undefined {
  const ms = Number(header(headers, "retry-after-ms"));
  if (Number.isFinite(ms) && ms >= 0 && header(headers, "retry-after-ms") !== undefined) return ms;
  const raw = header(headers, "retry-after");
  if (raw === undefined) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Classifies an SDK error: 408/409/429/5xx, timeouts and connection failures are retried
 * (honouring `retry-after-ms` / `retry-after`); 4xx like 400/401/404 and aborts are not.
 *
 * @example
 * retryDecision(err); // { retry: true, retryAfterMs: 2000 } for a 429 with "retry-after: 2"
 */
export function retryDecision(error: unknown): RetryDecision {
  const e = error as { status?: unknown; headers?: unknown; name?: unknown; message?: unknown } | null;
  const name = typeof e?.name === "string" ? e.name : "";
  if (name === "AbortError" || name === "APIUserAbortError") return { retry: false };
  const status = typeof e?.status === "number" ? e.status : undefined;
  if (status !== undefined) {
    const retry = status === 408 || status === 409 || status === 429 || status >= 500;
    const after = retry ? retryAfter(e?.headers) : undefined;
    return after === undefined ? { retry } : { retry, retryAfterMs: after };
  }
  if (/timeout|connection|ECONNRESET|ECONNREFUSED|socket/i.test(`${name} ${String(e?.message ?? "")}`)) return { retry: true };
  return { retry: false };
}
