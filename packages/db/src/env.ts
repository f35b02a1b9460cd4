import { z } from "zod";

const DbEnv = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set (e.g. postgresql://root@127.0.0.1:5432/alchemist)" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://"),
});
export type DbEnv = z.infer<typeof DbEnv>;

/**
 * Reads and validates the database environment (once per call; callers cache).
 *
 * @example
 * const { DATABASE_URL } = readDbEnv();
 */
export function readDbEnv(env: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = DbEnv.safeParse(env);
  if (!parsed.success) throw new Error(`invalid environment: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  return parsed.data;
}
