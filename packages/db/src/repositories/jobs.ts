import type { Db } from "../client";
import type { JobStatus } from "../generated/prisma/enums";

/**
 * The queue of a run's per-chunk apply jobs (QUEUES.applyChunk; db does not import the jobs
 * package). Their rows are internal to the run's apply-programs job, which shows their progress:
 * project job lists and the reconciler's scan leave them out.
 */
export const APPLY_CHUNK_QUEUE = "apply-chunk";
const notChunk = { queue: { not: APPLY_CHUNK_QUEUE } };

/**
 * Records a queued background job.
 *
 * @example
 * const job = await createJob(prisma, { projectId, runId: run.id, queue: "apply-programs", externalId: run.id });
 */
export async function createJob(
  db: Db,
  input: { projectId: string; queue: string; runId?: string | null; externalId?: string | null; payload?: object | null },
) {
  return db.job.create({
    data: {
      projectId: input.projectId,
      queue: input.queue,
      runId: input.runId ?? null,
      externalId: input.externalId ?? null,
      ...(input.payload ? { payload: input.payload } : {}),
    },
  });
}

export interface JobUpdate {
  readonly status?: JobStatus;
  /** 0..100 */
  readonly progress?: number;
  readonly stage?: string | null;
  readonly error?: string | null;
  /** What the job produced (JSON). */
  readonly result?: Record<string, unknown>;
}

/**
 * Updates a job's progress/status and stamps `heartbeatAt`; RUNNING stamps `startedAt` (first time),
 * terminal statuses `finishedAt` (a job put back to QUEUED/RUNNING clears it).
 *
 * @example
 * await updateJob(prisma, job.id, { status: "RUNNING", progress: 40, stage: "applying has_url" });
 */
export async function updateJob(db: Db, id: string, update: JobUpdate) {
  if (update.progress !== undefined && !(update.progress >= 0 && update.progress <= 100))
    throw new Error(`job progress must be within 0..100, got ${update.progress}`);
  const terminal = update.status === "SUCCEEDED" || update.status === "FAILED" || update.status === "CANCELLED";
  const current = update.status === "RUNNING" ? await db.job.findUnique({ where: { id }, select: { startedAt: true } }) : null;
  return db.job.update({
    where: { id },
    data: {
      ...(update.status ? { status: update.status } : {}),
      ...(update.progress !== undefined ? { progress: update.progress } : {}),
      ...(update.stage !== undefined ? { stage: update.stage } : {}),
      ...(update.error !== undefined ? { error: update.error } : {}),
      ...(update.result !== undefined ? { result: update.result as object } : {}),
      // Every change is a sign of life and what the jobs stream watches.
      heartbeatAt: new Date(),
      ...(update.status === "RUNNING" && !current?.startedAt ? { startedAt: new Date() } : {}),
      ...(terminal ? { finishedAt: new Date() } : update.status ? { finishedAt: null } : {}),
    },
  });
}

/** One job or null. */
export async function getJob(db: Db, id: string) {
  return db.job.findUnique({ where: { id } });
}

/** The newest job of a queue with this BullMQ id, or null. */
export async function findJobByExternalId(db: Db, queue: string, externalId: string) {
  return db.job.findFirst({ where: { queue, externalId }, orderBy: { createdAt: "desc" } });
}

/** Jobs of a project, newest first. */
export async function listJobs(db: Db, projectId: string, take = 50) {
  return db.job.findMany({ where: { projectId, ...notChunk }, orderBy: { createdAt: "desc" }, take });
}

/**
 * The project's queued or running jobs (chunk rows left out), newest first: what a page follows
 * live. The jobs stream sends them with the newest jobs, so a page never waits on a job it cannot see.
 *
 * @example
 * const active = await listActiveJobs(prisma, projectId);
 */
export async function listActiveJobs(db: Db, projectId: string, take = 50) {
  return db.job.findMany({ where: { projectId, ...notChunk, status: { in: ["QUEUED", "RUNNING"] } }, orderBy: { createdAt: "desc" }, take });
}

/**
 * Whether any job of the project is queued or running (chunk rows left out): pages open the jobs
 * stream only then.
 *
 * @example
 * const live = await hasActiveJobs(prisma, projectId);
 */
export async function hasActiveJobs(db: Db, projectId: string): Promise<boolean> {
  const job = await db.job.findFirst({ where: { projectId, ...notChunk, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
  return job !== null;
}

/** Jobs of a run, newest first (its apply's chunk jobs left out). */
export async function listRunJobs(db: Db, runId: string) {
  return db.job.findMany({ where: { runId, ...notChunk }, orderBy: { createdAt: "desc" } });
}

/** Stamps `heartbeatAt` (the worker is alive on this job); a no-op for a job that no longer exists. */
export async function heartbeatJob(db: Db, id: string) {
  await db.job.updateMany({ where: { id }, data: { heartbeatAt: new Date() } });
}

/**
 * Queued or running jobs (any project) that no worker has touched for `staleMs` (a queued one:
 * created that long ago; a running one: no heartbeat for that long), oldest first: the
 * candidates the worker's reconciler checks against BullMQ.
 *
 * @example
 * const stale = await listStaleActiveJobs(prisma, { staleMs: 30_000 });
 */
export async function listStaleActiveJobs(db: Db, options: { staleMs: number; take?: number; now?: Date }) {
  const before = new Date((options.now ?? new Date()).getTime() - options.staleMs);
  return db.job.findMany({
    where: {
      externalId: { not: null },
      // The apply-programs parent re-plans its chunks; settleOrphanChunkJobs ends those it left.
      ...notChunk,
      OR: [
        { status: "QUEUED", createdAt: { lt: before } },
        { status: "RUNNING", OR: [{ heartbeatAt: { lt: before } }, { heartbeatAt: null, createdAt: { lt: before } }] },
      ],
    },
    orderBy: { createdAt: "asc" },
    take: options.take ?? 200,
  });
}

/** One job of a project (null when it belongs to another project). */
export async function getProjectJob(db: Db, projectId: string, id: string) {
  return db.job.findFirst({ where: { id, projectId } });
}

/**
 * The project's jobs changed since `since` (created, progressed or finished), newest first: what
 * the jobs stream pushes. Uses `heartbeatAt`, which every progress report and status change stamps.
 *
 * @example
 * const changed = await listJobsChangedSince(prisma, projectId, lastSeen);
 */
export async function listJobsChangedSince(db: Db, projectId: string, since: Date, take = 50) {
  return db.job.findMany({
    where: { projectId, ...notChunk, OR: [{ createdAt: { gte: since } }, { heartbeatAt: { gte: since } }, { finishedAt: { gte: since } }] },
    orderBy: { createdAt: "desc" },
    take,
  });
}

/**
 * Writes the Job rows of a run's chunk jobs (QUEUED, with their payloads) before they are added
 * to BullMQ, skipping ids that already have a row (a parent that resumes re-adds the same chunks).
 *
 * @example
 * await createChunkJobs(prisma, { projectId, runId }, [{ externalId: "run1-17-0", payload }]);
 */
export async function createChunkJobs(
  db: Db,
  owner: { projectId: string; runId: string },
  jobs: readonly { externalId: string; payload: object }[],
): Promise<number> {
  if (jobs.length === 0) return 0;
  const existing = await db.job.findMany({
    where: { runId: owner.runId, queue: APPLY_CHUNK_QUEUE, externalId: { in: jobs.map((j) => j.externalId) } },
    select: { externalId: true },
  });
  const have = new Set(existing.map((e) => e.externalId));
  const data = jobs
    .filter((j) => !have.has(j.externalId))
    .map((j) => ({ projectId: owner.projectId, runId: owner.runId, queue: APPLY_CHUNK_QUEUE, externalId: j.externalId, payload: j.payload }));
  if (data.length > 0) await db.job.createMany({ data });
  return data.length;
}

export interface ChunkJobCounts {
  readonly total: number;
  readonly queued: number;
  readonly running: number;
  readonly succeeded: number;
  readonly failed: number;
  readonly cancelled: number;
  /** Distinct worker processes (`result.worker`) among the succeeded chunks. */
  readonly workers: number;
}

/**
 * How the chunk jobs of one apply generation (ids starting with `prefix`) stand, counted in
 * Postgres (one query) so every worker sees the same numbers.
 *
 * @example
 * const { succeeded, total } = await chunkJobCounts(prisma, runId, applyChunkJobPrefix(runId, generation));
 */
export async function chunkJobCounts(db: Db, runId: string, prefix: string): Promise<ChunkJobCounts> {
  const like = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const [row] = await db.$queryRaw<{ queued: bigint; running: bigint; succeeded: bigint; failed: bigint; cancelled: bigint; workers: bigint }[]>`
    SELECT count(*) FILTER (WHERE "status" = 'QUEUED') AS queued, count(*) FILTER (WHERE "status" = 'RUNNING') AS running,
           count(*) FILTER (WHERE "status" = 'SUCCEEDED') AS succeeded, count(*) FILTER (WHERE "status" = 'FAILED') AS failed,
           count(*) FILTER (WHERE "status" = 'CANCELLED') AS cancelled,
           count(DISTINCT "result"->>'worker') FILTER (WHERE "status" = 'SUCCEEDED') AS workers
    FROM "Job" WHERE "runId" = ${runId} AND "queue" = ${APPLY_CHUNK_QUEUE} AND "externalId" LIKE ${like}`;
  const c = {
    queued: Number(row?.queued ?? 0),
    running: Number(row?.running ?? 0),
    succeeded: Number(row?.succeeded ?? 0),
    failed: Number(row?.failed ?? 0),
    cancelled: Number(row?.cancelled ?? 0),
  };
  return { total: c.queued + c.running + c.succeeded + c.failed + c.cancelled, ...c, workers: Number(row?.workers ?? 0) };
}

/**
 * Ends a run's chunk rows still QUEUED or RUNNING: those of one generation (`prefix`), or those of
 * every other generation (`exceptPrefix`: chunks a re-planned apply superseded). Returns how many.
 *
 * @example
 * await settleChunkJobs(prisma, runId, { prefix, status: "CANCELLED", error: "cancelled: by ada" });
 */
export async function settleChunkJobs(
  db: Db,
  runId: string,
  options: { prefix?: string; exceptPrefix?: string; status: "FAILED" | "CANCELLED"; error: string; queuedOnly?: boolean },
): Promise<number> {
  const externalId =
    options.prefix !== undefined
      ? { startsWith: options.prefix }
      : options.exceptPrefix !== undefined
        ? { not: { startsWith: options.exceptPrefix } }
        : undefined;
  const now = new Date();
  const { count } = await db.job.updateMany({
    where: { runId, queue: APPLY_CHUNK_QUEUE, status: { in: options.queuedOnly ? ["QUEUED"] : ["QUEUED", "RUNNING"] }, ...(externalId ? { externalId } : {}) },
    data: {
      status: options.status,
      error: options.error.slice(0, 2000),
      stage: options.status === "CANCELLED" ? "cancelled" : "failed",
      finishedAt: now,
      heartbeatAt: now,
    },
  });
  return count;
}

/**
 * Ends chunk rows whose run has no queued or running apply-programs job any more (a user removed
 * the whole flow while it waited, or the parent died without settling them). The reconciler calls it.
 *
 * @example
 * const settled = await settleOrphanChunkJobs(prisma);
 */
export async function settleOrphanChunkJobs(db: Db): Promise<number> {
  return db.$executeRaw`
    UPDATE "Job" AS c SET "status" = 'CANCELLED', "stage" = 'cancelled', "error" = 'its apply ended', "finishedAt" = now(), "heartbeatAt" = now()
    WHERE c."queue" = ${APPLY_CHUNK_QUEUE} AND c."status" IN ('QUEUED', 'RUNNING') AND c."runId" IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM "Job" AS p WHERE p."runId" = c."runId" AND p."queue" = 'apply-programs' AND p."status" IN ('QUEUED', 'RUNNING'))`;
}
