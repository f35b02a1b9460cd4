import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z.string().url("DATABASE_URL must be a postgres URL, e.g. postgresql://root@127.0.0.1:5432/alchemist"),
  REDIS_URL: z.string().url("REDIS_URL must be a redis URL, e.g. redis://127.0.0.1:6379").default("redis://127.0.0.1:6379"),
  /** BullMQ key prefix; the worker must use the same one. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "QUEUE_PREFIX must be [A-Za-z0-9_-]")
    .default("bull"),
  /** Folder for uploaded dataset files, shared with the worker that imports them. */
  UPLOAD_DIR: z.string().min(1).default(join(tmpdir(), "alchemist-uploads")),
  /** Folder where export jobs write their files and the web serves downloads from; must be shared. */
  EXPORT_DIR: z.string().min(1).default(join(tmpdir(), "alchemist-exports")),
  /** Largest accepted upload in bytes (default 200 MiB). */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(200 * 1024 * 1024),
  /** Signs session cookies; required in production, a fixed dev-only value otherwise. */
  BETTER_AUTH_SECRET:
    process.env.NODE_ENV === "production"
      ? z
          .string({ error: "BETTER_AUTH_SECRET is not set (32+ random characters, e.g. `openssl rand -base64 32`)" })
          .min(32, "BETTER_AUTH_SECRET must be at least 32 characters")
      : z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters").default("dev-only-secret-do-not-use-in-production-0123456789"),
  /** 32-byte base64 AES-256-GCM key for project provider keys (must equal the worker's); required in production when keys are used. */
  SECRETS_KEY: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z
      .string()
      .refine(
        (v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v.trim()) && Buffer.from(v.trim(), "base64").length === 32,
        "SECRETS_KEY must be 32 bytes in base64 (make one with: openssl rand -base64 32)",
      )
      .optional(),
  ),
  /** The studio's public URL (sign-in redirects, cookie origin checks). */
  BETTER_AUTH_URL:
    process.env.NODE_ENV === "production"
      ? z.string({ error: "BETTER_AUTH_URL is not set (the studio's public URL, e.g. https://studio.example.com)" }).url("BETTER_AUTH_URL must be a URL")
      : z.string().url("BETTER_AUTH_URL must be a URL").default("http://localhost:3000"),
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
