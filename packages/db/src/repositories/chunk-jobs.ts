import type { Db } from "../client";
import { APPLY_CHUNK_QUEUE } from "./jobs";

// The Job rows of a run's per-chunk apply jobs (worker/src/apply-programs/): written before they
// are added to BullMQ, counted and settled in Postgres so every worker process sees the same state.

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
