import { EngineError } from "../errors/engine-error";

/**
 * A FIFO limiter: at most `limit` of the wrapped tasks run at once.
 *
 * @example
 * const limit = limitConcurrency(4);
 * const results = await Promise.all(items.map((x) => limit(() => work(x))));
 */
export function limitConcurrency(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  if (!Number.isInteger(limit) || limit < 1) throw new EngineError("INVALID_ARGUMENT", `concurrency must be a positive integer, got ${limit}`);
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active += 1;
    try {
      return await task();
    } finally {
      active -= 1;
      waiting.shift()?.();
    }
  };
}
