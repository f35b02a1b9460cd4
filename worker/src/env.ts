import { formatZodIssues } from "@alchemist/engine";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { isValidSecretsKey } from "@alchemist/db";

/** Unset and empty (`KEY=` in .env.example) both mean "not configured". */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const WorkerEnv = z.object({
  DATABASE_URL: z.string({ error: "DATABASE_URL is not set" }).regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgresql://"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "REDIS_URL must start with redis://")
    .default("redis://127.0.0.1:6379"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Chunk jobs of runs' applies this process runs at once (each uses every sandbox of the runner). */
  APPLY_CHUNK_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** BullMQ key prefix; the web must use the same one. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "QUEUE_PREFIX must be [A-Za-z0-9_-]")
    .default("bull"),
  /** Folder where the web stores uploads for import jobs; must be shared with the web. */
  UPLOAD_DIR: z.string().min(1).default(join(tmpdir(), "alchemist-uploads")),
  /** Folder where export jobs write their files and the web serves downloads from; must be shared. */
  EXPORT_DIR: z.string().min(1).default(join(tmpdir(), "alchemist-exports")),
  /** Uploads never imported, predict labels files and exports older than this are deleted by the worker's cleanup. */
  UPLOAD_RETENTION_HOURS: z.coerce
    .number({ error: "UPLOAD_RETENTION_HOURS must be a number of hours" })
    .positive("UPLOAD_RETENTION_HOURS must be > 0")
    .max(24 * 366)
    .default(24),
  /** A `.part` file (a killed job's partial output) untouched this long is deleted. */
  UPLOAD_PART_MAX_AGE_MINUTES: z.coerce
    .number({ error: "UPLOAD_PART_MAX_AGE_MINUTES must be a number of minutes" })
    .positive("UPLOAD_PART_MAX_AGE_MINUTES must be > 0")
    .max(7 * 24 * 60)
    .default(60),
  /** How often the cleanup sweeps UPLOAD_DIR and EXPORT_DIR (also once at start-up). */
  CLEANUP_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  /** LLM keys and endpoints for generate-programs; they stay in this process, never in job payloads. */
  OPENAI_API_KEY: unsetIfEmpty(z.string()),
  ANTHROPIC_API_KEY: unsetIfEmpty(z.string()),
  /** Base URL of an OpenAI-compatible server (with /v1); also used by `openai` requests when set. */
  ALCHEMIST_LLM_BASE_URL: unsetIfEmpty(z.url({ error: "ALCHEMIST_LLM_BASE_URL must be a URL such as http://127.0.0.1:11434/v1" })),
  /** Folder of the LLM response cache (off when unset). */
  ALCHEMIST_LLM_CACHE_DIR: unsetIfEmpty(z.string()),
  /** CLIP model folder (loadClipModel's layout) that image datasets are embedded and scored with; unset: image imports fail saying so. */
  CLIP_MODEL_DIR: unsetIfEmpty(z.string()),
  /** Folder of the on-disk image embedding cache (per CLIP model, by picture hash): pictures uploaded again are not embedded again. */
  CLIP_CACHE_DIR: z.string().min(1).default(join(tmpdir(), "alchemist-clip-cache")),
  /** 32-byte base64 AES-256-GCM key that decrypts project provider keys; must equal the web's. Required in production. */
  SECRETS_KEY: unsetIfEmpty(z.string().refine(isValidSecretsKey, "SECRETS_KEY must be 32 bytes in base64 (make one with: openssl rand -base64 32)")),
});
export type WorkerEnv = z.infer<typeof WorkerEnv> & ReliabilitySettings;

const ms = (fallback: number, min = 50) => z.coerce.number().int().min(min).max(3_600_000).default(fallback);
const Reliability = z.object({
  /** A crashed worker's job is taken over after its BullMQ lock expires (renewed every half of it). */
  WORKER_LOCK_DURATION_MS: ms(30_000, 1000),
  /** How often a worker looks for jobs whose lock expired (their worker died) and re-queues them. */
  WORKER_STALLED_INTERVAL_MS: ms(15_000, 500),
  /** Crashes in the middle of one job survived before it is failed as a job that kills its worker. */
  WORKER_MAX_STALLED_COUNT: z.coerce.number().int().min(0).max(100).default(3),
  /** Heartbeat into the Job row while a job runs. */
  WORKER_HEARTBEAT_MS: ms(5_000, 100),
  /** How long a job keeps retrying transient failures (Postgres/Redis restarting) before it fails. */
  WORKER_TRANSIENT_RETRY_MS: ms(120_000, 0),
  /** SIGTERM: how long active jobs may run on before they are put back in the queue. */
  WORKER_SHUTDOWN_GRACE_MS: ms(20_000, 0),
  /** How often the reconciler compares active Job rows with BullMQ (also on start-up and on every Redis reconnect). */
  RECONCILE_INTERVAL_MS: ms(30_000, 200),
  /** A queued job untouched (or a running one without heartbeat) this long is checked against BullMQ. */
  RECONCILE_STALE_MS: ms(60_000, 200),
});
export type ReliabilitySettings = z.infer<typeof Reliability>;

/**
 * The crash-safety settings alone (every one has a default), for code that builds workers
 * without the rest of the worker's environment (tests).
 *
 * @example
 * const { WORKER_LOCK_DURATION_MS } = readReliabilitySettings();
 */
export function readReliabilitySettings(env: NodeJS.ProcessEnv = process.env): ReliabilitySettings {
  const parsed = Reliability.safeParse(env);
  if (!parsed.success) throw new Error(`invalid worker environment: ${formatZodIssues(parsed.error)}`);
  return parsed.data;
}

/**
 * Parses the worker's environment once at start-up; the error lists every bad variable.
 *
 * @example
 * const env = readWorkerEnv();
 */
export function readWorkerEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = WorkerEnv.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  // Production decrypts real provider keys: the public development key must never stand in.
  if (env.NODE_ENV === "production" && (env.SECRETS_KEY ?? "") === "") {
    problems.push("SECRETS_KEY: is not set; production needs the same 32-byte base64 key as the studio (make one with: openssl rand -base64 32)");
  }
  if (!parsed.success || problems.length > 0) throw new WorkerEnvError(problems);
  return { ...parsed.data, ...readReliabilitySettings(env) };
}

/** A worker environment that cannot start: every bad or missing variable, one per line. */
export class WorkerEnvError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid worker environment (see .env.example):\n  ${problems.join("\n  ")}`);
    this.name = "WorkerEnvError";
  }
}
