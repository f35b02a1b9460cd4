import type { Db } from "../client";
import type { Job } from "../generated/prisma/client";
import type { JobStatus } from "../generated/prisma/enums";
import { queryRows } from "../query-rows";

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

/** A Job row as lists show it: everything but the re-queue payload. */
export type JobSummary = Omit<Job, "payload">;

/**
 * The project's newest `take` jobs together with every queued or running one (at most 50 of
 * those), newest first, chunk rows left out: what the jobs page, the jobs API and the jobs
 * stream's first event show, so a page never waits on a running job older than its list. One
 * query, run straight on the pool (`queryRows`): the jobs API is polled every second while a job runs.
 *
 * @example
 * const jobs = await listNewestAndActiveJobs(prisma, projectId, 20);
 * const live = jobs.some((job) => job.status === "QUEUED" || job.status === "RUNNING");
 */
export async function listNewestAndActiveJobs(db: Db, projectId: string, take = 20): Promise<JobSummary[]> {
  if (!Number.isInteger(take) || take < 1) throw new Error(`listNewestAndActiveJobs needs a positive whole number of jobs, got ${take}`);
  return queryRows<JobSummary>(db)`
    SELECT "id", "projectId", "runId", "queue", "externalId", "status"::text AS "status", "progress", "stage", "error", "result",
      "heartbeatAt", "createdAt", "startedAt", "finishedAt"
    FROM "Job"
    WHERE "id" IN (
      (SELECT "id" FROM "Job" WHERE "projectId" = ${projectId} AND "queue" <> ${APPLY_CHUNK_QUEUE} ORDER BY "createdAt" DESC LIMIT ${take})
      UNION ALL
      (SELECT "id" FROM "Job" WHERE "projectId" = ${projectId} AND "queue" <> ${APPLY_CHUNK_QUEUE} AND "status" IN ('QUEUED', 'RUNNING')
        ORDER BY "createdAt" DESC LIMIT 50))
    ORDER BY "createdAt" DESC, "id" DESC`;
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
