import { Queue } from "bullmq";
import { afterAll, beforeAll } from "vitest";
import { createPrismaClient, jobRows, type Job, type PrismaClient } from "@alchemist/db";
import { enqueue, type JobInput, type QueueName, type TrackedQueueName } from "@alchemist/jobs";
import { calibrate, crashBudget, type Calibration, type CrashBudget } from "./crash-budget";
import {
  FAST_RECOVERY,
  StopWaiting,
  crashTestsUnsupported,
  startPostgres,
  startRedis,
  startWorker,
  waitFor,
  type PrivatePostgres,
  type PrivateRedis,
  type WorkerProcess,
} from "./harness";

/** A private Postgres and Redis, the real worker as child processes, and the studio's way of queueing jobs. */
export interface CrashStack {
  readonly pg: PrivatePostgres;
  readonly redis: PrivateRedis;
  readonly prisma: PrismaClient;
  /** Waits sized from the work and this machine's measured speed. */
  readonly budget: CrashBudget;
  /** What every worker of the stack starts with (FAST_RECOVERY, the stack's URLs, prefix `crash`); tests may add to it. */
  env: Record<string, string>;
  /** Starts the real worker with `env` plus `extra` and waits until it listens; every one is SIGKILLed at `close()`. */
  startWorker(extra?: Record<string, string>): Promise<WorkerProcess>;
  /** Starts `count` workers at once (they share the machine while they load: each gets `count` starts' budget). */
  startWorkers(count: number): Promise<WorkerProcess[]>;
  /** The stack's producer of `name` (one per queue, closed at `close()`). */
  queue(name: QueueName): Queue;
  /** Queues a job the way the studio does (`enqueue`: the Job row first, then BullMQ) and returns its row. */
  enqueue<Q extends TrackedQueueName>(name: Q, payload: JobInput<Q>, options?: { jobId?: string; runId?: string }): Promise<Job>;
  /** Waits for a Job row to succeed; fails at once, with the workers' output, when it ends FAILED or CANCELLED. */
  untilSucceeded(rowId: string, timeoutMs: number): Promise<Job>;
  /** Starts a worker, waits (up to `timeoutMs`) until `check` says the moment has come, and SIGKILLs it. */
  killWhen(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void>;
  /** Starts a worker, waits for the job to succeed (up to `timeoutMs`), stops the worker with SIGTERM. */
  restartUntilDone(rowId: string, timeoutMs: number): Promise<Job>;
  close(): Promise<void>;
}

/**
 * The one set-up of the crash tests: a private Postgres cluster with a migrated database, a
 * redis-server without persistence, and helpers that start workers and queue jobs on them.
 *
 * @example
 * const stack = await startCrashStack("crash_apply", calibration);
 * const worker = await stack.startWorker();
 * const row = await stack.enqueue(QUEUES.applyPrograms, payload, { jobId: runId, runId });
 * await stack.untilSucceeded(row.id, stack.budget.apply({ rows: 3000, chunkSize: 100, programs: 3, work: 4000 }));
 * await stack.close();
 */
export async function startCrashStack(database: string, calibration?: Calibration): Promise<CrashStack> {
  const pg = await startPostgres();
  const redis = await startRedis();
  const url = await pg.createDatabase(database);
  const prisma = createPrismaClient(url);
  const budget = crashBudget(calibration ?? (await calibrate()));
  const workers: WorkerProcess[] = [];
  const queues = new Map<string, Queue>();
  const queue = (name: QueueName) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection: { url: redis.url }, prefix: "crash" });
      // A Redis the test restarts is expected to go away.
      q.on("error", () => undefined);
      queues.set(name, q);
    }
    return q;
  };
  const stack: CrashStack = {
    pg,
    redis,
    prisma,
    budget,
    env: { ...FAST_RECOVERY, DATABASE_URL: url, REDIS_URL: redis.url, QUEUE_PREFIX: "crash" },
    async startWorker(extra = {}) {
      const worker = await startWorker({ ...stack.env, ...extra }, budget.workerStart());
      workers.push(worker);
      return worker;
    },
    async startWorkers(count) {
      const started = await Promise.all(Array.from({ length: count }, () => startWorker(stack.env, count * budget.workerStart())));
      workers.push(...started);
      return started;
    },
    queue,
    async enqueue(name, payload, options = {}) {
      return (await enqueue({ queue: queue(name), rows: jobRows(prisma) }, name, payload, options)).row;
    },
    untilSucceeded(rowId, timeoutMs) {
      return waitFor(
        `job ${rowId} to succeed`,
        async () => {
          const job = await prisma.job.findUniqueOrThrow({ where: { id: rowId } });
          if (job.status === "FAILED" || job.status === "CANCELLED")
            throw new StopWaiting(`job ended ${job.status}: ${job.error}\n${workers.map((w) => w.output().slice(-1500)).join("\n---\n")}`);
          return job.status === "SUCCEEDED" ? job : null;
        },
        timeoutMs,
        200,
      );
    },
    async killWhen(what, check, timeoutMs) {
      const worker = await stack.startWorker();
      await waitFor(what, async () => (await check()) || null, timeoutMs, 10);
      await worker.stop("SIGKILL");
    },
    async restartUntilDone(rowId, timeoutMs) {
      const worker = await stack.startWorker();
      const job = await stack.untilSucceeded(rowId, timeoutMs);
      await worker.stop("SIGTERM");
      return job;
    },
    async close() {
      for (const w of workers) await w.stop("SIGKILL");
      for (const q of queues.values()) await q.close().catch(() => undefined);
      await prisma.$disconnect();
      await redis.destroy();
      pg.destroy();
    },
  };
  return stack;
}

/**
 * A crash test file's stack: skipped with a message where PostgreSQL's server binaries or
 * redis-server are missing; otherwise the machine is measured now (so `it` timeouts can be sized
 * from the work when the file is collected), the stack starts before the file's tests and is torn
 * down after them.
 *
 * @example
 * const { unsupported, budget, stack } = await useCrashStack("crash_apply");
 * describe.skipIf(unsupported !== null)("...", () => { it("...", async () => { await stack().startWorker(); }, budget.workerStart() * 2); });
 */
export async function useCrashStack(database: string): Promise<{ unsupported: string | null; budget: CrashBudget; stack: () => CrashStack }> {
  const unsupported = crashTestsUnsupported();
  if (unsupported) console.warn(`crash tests skipped: ${unsupported}`);
  const calibration = unsupported ? { workerLoadMs: 0, loopMs: 0 } : await calibrate();
  const budget = crashBudget(calibration);
  let current: CrashStack | undefined;
  beforeAll(async () => {
    if (!unsupported) current = await startCrashStack(database, calibration);
  }, budget.stackStart());
  afterAll(async () => {
    await current?.close();
  }, budget.stackStart());
  return {
    unsupported,
    budget,
    stack: () => {
      if (!current) throw new Error("the crash stack is not started");
      return current;
    },
  };
}
