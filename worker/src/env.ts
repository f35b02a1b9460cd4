import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

/** Unset and empty (`KEY=` in .env.example) both mean "not configured". */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const WorkerEnv = z.object({
  DATABASE_URL: z.string({ error: "DATABASE_URL is not set" }).regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "REDIS_URL must start with redis://").default("redis://127.0.0.1:6379"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** BullMQ key prefix; the web must use the same one. */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, "QUEUE_PREFIX must be [A-Za-z0-9_-]").default("bull"),
  /** Folder where the web stores uploads for import jobs; must be shared with the web. */
  UPLOAD_DIR: z.string().min(1).default(join(tmpdir(), "alchemist-uploads")),
  /** LLM keys and endpoints for generate-programs; they stay in this process, never in job payloads. */
  OPENAI_API_KEY: unsetIfEmpty(z.string()),
  ANTHROPIC_API_KEY: unsetIfEmpty(z.string()),
  /** Base URL of an OpenAI-compatible server (with /v1); also used by `openai` requests when set. */
  ALCHEMIST_LLM_BASE_URL: unsetIfEmpty(z.url({ error: "ALCHEMIST_LLM_BASE_URL must be a URL such as http://127.0.0.1:11434/v1" })),
  /** Folder of the LLM response cache (off when unset). */
  ALCHEMIST_LLM_CACHE_DIR: unsetIfEmpty(z.string()),
});
export type WorkerEnv = z.infer<typeof WorkerEnv>;

/**
 * Parses the worker's environment once at start-up; the error lists every bad variable.
 *
 * @example
 * const env = readWorkerEnv();
 */
export function readWorkerEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = WorkerEnv.safeParse(env);
  if (!parsed.success) throw new Error(`invalid worker environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}
