import { z } from "zod";

const WorkerEnv = z.object({
  DATABASE_URL: z.string({ error: "DATABASE_URL is not set" }).regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://"),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, "REDIS_URL must start with redis://").default("redis://127.0.0.1:6379"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
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
