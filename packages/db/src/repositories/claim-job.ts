import type { Db } from "../client";
import type { Job } from "../generated/prisma/client";
import { updateJob } from "./jobs";

/** A claim's input: the row to find or create, and which existing row may be reused. */
export interface ClaimJobInput {
  readonly projectId: string;
  readonly runId: string | null;
  readonly queue: string;
  readonly externalId: string;
  readonly payload: object;
  /** `any`: the newest row of the id whatever its status; `active`: only one still QUEUED or RUNNING. */
  readonly reuse: "any" | "active";
}

/**
 * The Job row of (queue, externalId), created QUEUED with its payload unless one to reuse exists;
 * two callers racing for the same id (two page views asking for the same derived data, a retried
 * request) get the same row and exactly one of them `created: true` (a transaction-scoped
 * advisory lock on the id).
 *
 * @example
 * const { row, created } = await claimJob(prisma, { projectId, runId, queue: "review-order", externalId, payload, reuse: "any" });
 */
export async function claimJob(db: Db, input: ClaimJobInput): Promise<{ row: Job; created: boolean }> {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${input.queue}:${input.externalId}`}))`;
    const status = input.reuse === "active" ? { status: { in: ["QUEUED" as const, "RUNNING" as const] } } : {};
    const existing = await tx.job.findFirst({ where: { queue: input.queue, externalId: input.externalId, ...status }, orderBy: { createdAt: "desc" } });
    if (existing) return { row: existing, created: false };
    const row = await tx.job.create({
      data: { projectId: input.projectId, runId: input.runId, queue: input.queue, externalId: input.externalId, payload: input.payload },
    });
    return { row, created: true };
  });
}

/**
 * The Job table as `enqueue` (packages/jobs) needs it.
 *
 * @example
 * await enqueue({ queue, rows: jobRows(prisma) }, "run-diff", payload, { jobId });
 */
export function jobRows(db: Db) {
  return {
    claim: (input: ClaimJobInput) => claimJob(db, input),
    fail: async (id: string, error: string) => void (await updateJob(db, id, { status: "FAILED", error })),
  };
}
