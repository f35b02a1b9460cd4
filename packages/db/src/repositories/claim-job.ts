import type { Db } from "../client";
import { updateJob } from "./jobs";

/**
 * The Job row of (queue, externalId), created QUEUED with its payload unless one exists; two
 * callers racing for the same id (two page views asking for the same derived data) get the same
 * row and exactly one of them `created: true` (a transaction-scoped advisory lock on the id).
 *
 * @example
 * const { id, created } = await claimJob(prisma, { projectId, runId, queue: "review-order", externalId, payload });
 */
export async function claimJob(db: Db, input: { projectId: string; runId: string | null; queue: string; externalId: string; payload: object }): Promise<{ id: string; status: string; created: boolean }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${input.queue}:${input.externalId}`}))`;
    const existing = await tx.job.findFirst({ where: { queue: input.queue, externalId: input.externalId }, orderBy: { createdAt: "desc" }, select: { id: true, status: true } });
    if (existing) return { id: existing.id, status: existing.status, created: false };
    const job = await tx.job.create({ data: { projectId: input.projectId, runId: input.runId, queue: input.queue, externalId: input.externalId, payload: input.payload }, select: { id: true, status: true } });
    return { id: job.id, status: job.status, created: true };
  });
}

/**
 * The Job table as `enqueueTrackedJob` (packages/jobs) needs it.
 *
 * @example
 * await enqueueTrackedJob({ queue, rows: trackedJobRows(prisma) }, "run-diff", payload, { jobId });
 */
export function trackedJobRows(db: Db) {
  return {
    claim: (input: { projectId: string; runId: string | null; queue: string; externalId: string; payload: object }) => claimJob(db, input),
    fail: async (id: string, error: string) => void (await updateJob(db, id, { status: "FAILED", error })),
  };
}
