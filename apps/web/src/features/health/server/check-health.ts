import "server-only";
import { getPrisma } from "@alchemist/db";
import { getEnv } from "@/env";

/** What `GET /api/health` reports. */
export interface Health {
  readonly ok: true;
  readonly db: boolean;
}

/**
 * The process is up if this runs; `db` says whether Postgres answered `SELECT 1` within the timeout.
 *
 * @example
 * const { db } = await checkHealth();
 */
export async function checkHealth(timeoutMs = 2000): Promise<Health> {
  if (!(timeoutMs > 0)) throw new RangeError(`checkHealth: timeoutMs must be positive, got ${timeoutMs}`);
  let timer: NodeJS.Timeout | undefined;
  try {
    getEnv();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([getPrisma().$queryRaw`SELECT 1`, timeout]);
    return { ok: true, db: true };
  } catch {
    return { ok: true, db: false };
  } finally {
    clearTimeout(timer);
  }
}
