import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z.string().url("DATABASE_URL must be a postgres URL, e.g. postgresql://root@127.0.0.1:5432/alchemist"),
  REDIS_URL: z.string().url("REDIS_URL must be a redis URL, e.g. redis://127.0.0.1:6379").default("redis://127.0.0.1:6379"),
  /** BullMQ key prefix; the worker must use the same one. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, "QUEUE_PREFIX must be [A-Za-z0-9_-]").default("bull"),
  /** Folder for uploaded dataset files, shared with the worker that imports them. */
  UPLOAD_DIR: z.string().min(1).default(join(tmpdir(), "alchemist-uploads")),
  /** Largest accepted upload in bytes (default 200 MiB). */
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).default(200 * 1024 * 1024),
});

/** The web app's environment, validated. */
export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/**
 * Parses the environment once per process; lazy so `next build` never needs a database.
 * Throws naming every missing or malformed variable.
 *
 * @example
 * const { DATABASE_URL } = getEnv();
 */
export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (cached && source === process.env) return cached;
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment for @alchemist/web: ${problems.join("; ")}`);
  }
  if (source === process.env) cached = parsed.data;
  return parsed.data;
}
