import { Redis } from "ioredis";

/**
 * An ioredis connection suitable for BullMQ workers (`maxRetriesPerRequest: null`, so blocking
 * commands wait across reconnects instead of failing).
 *
 * @example
 * const connection = createRedisConnection("redis://127.0.0.1:6379");
 */
export function createRedisConnection(url: string): Redis {
  if (!/^rediss?:\/\//.test(url)) throw new Error(`REDIS_URL must start with redis://, got "${url.slice(0, 40)}"`);
  return new Redis(url, { maxRetriesPerRequest: null });
}
