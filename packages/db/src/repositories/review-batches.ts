import type { Db } from "../client";
import { DomainError } from "../domain-error";
import type { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { recordAudit } from "./audit";
import type { ReviewOrderKind } from "./review-orders";

/**
 * Team review batches: creating one with its assignments, finding and listing them. A batch's
 * labels are in review-assignments.ts, adjudication in review-adjudications.ts and the agreement
 * inputs in review-batch-agreement.ts; the rules (assignment, consensus, agreement) are the
 * engine's, callers (the studio's team-review service) pass their results in.
 */

export type BatchStrategy = ReviewOrderKind | "random";

/**
 * The given users' roles in the project (members only): who may be picked as a reviewer.
 *
 * @example
 * const members = await memberRoles(prisma, projectId, reviewerIds);
 */
export async function memberRoles(db: Db, projectId: string, userIds: readonly string[]): Promise<{ userId: string; role: Role }[]> {
  return db.membership.findMany({ where: { projectId, userId: { in: [...userIds] } }, select: { userId: true, role: true } });
}

/**
 * Writes a review batch, its assignments (`row` indexes `rows`, dataset row indices) and the audit
 * event in one transaction.
 *
 * @example
 * const batch = await insertReviewBatch(prisma, { projectId, datasetId, runId, name, overlap: 2, blind: true, strategy: "random", seed: 7, createdBy, rows: picked, assignments });
 */
export async function insertReviewBatch(
  db: Db,
  input: {
    projectId: string;
    datasetId: string;
    runId: string | null;
    name: string;
    overlap: number;
    blind: boolean;
    strategy: BatchStrategy;
    seed: number | null;
    createdBy: string;
    rows: readonly number[];
    assignments: readonly { row: number; userId: string }[];
  },
) {
  const found = await db.row.findMany({ where: { datasetId: input.datasetId, index: { in: [...input.rows] } }, select: { id: true, index: true } });
  const idByIndex = new Map(found.map((r) => [r.index, r.id]));
  const reviewers = new Set(input.assignments.map((a) => a.userId)).size;
  return db.$transaction(
    async (tx) => {
      const batch = await tx.reviewBatch.create({
        data: {
          projectId: input.projectId,
          datasetId: input.datasetId,
          name: input.name,
          overlap: input.overlap,
          blind: input.blind,
          strategy: input.strategy,
          seed: input.seed,
          runId: input.runId,
          createdBy: input.createdBy,
        },
      });
      await tx.reviewAssignment.createMany({
        data: input.assignments.map((a) => ({ batchId: batch.id, rowId: idByIndex.get(input.rows[a.row]!)!, userId: a.userId })),
      });
      await recordAudit(tx, {
        projectId: input.projectId,
        actorId: input.createdBy,
        action: "review_batch.create",
        targetType: "review_batch",
        targetId: batch.id,
        details: { rows: input.rows.length, overlap: input.overlap, blind: input.blind, strategy: input.strategy, reviewers },
      });
      return { ...batch, rows: input.rows.length };
    },
    { timeout: 60_000 },
  );
}

/**
 * A batch of the project, or DomainError NOT_FOUND.
 *
 * @example
 * const batch = await requireBatch(prisma, projectId, batchId);
 */
export async function requireBatch(db: Db | Prisma.TransactionClient, projectId: string, batchId: string) {
  const batch = await db.reviewBatch.findUnique({ where: { id: batchId } });
  if (!batch || batch.projectId !== projectId)
    throw new DomainError("NOT_FOUND", `review batch ${batchId} is not in this project: it may have been deleted; pick one from the Team review page`);
  return batch;
}

/**
 * The project's batches, newest first, with assignment progress overall and for `userId`.
 *
 * @example
 * const batches = await listReviewBatches(prisma, projectId, actor.userId);
 */
export async function listReviewBatches(db: Db, projectId: string, userId: string) {
  const batches = await db.reviewBatch.findMany({ where: { projectId }, orderBy: { createdAt: "desc" }, take: 100 });
  const ids = batches.map((b) => b.id);
  const [all, mine] = await Promise.all([
    db.reviewAssignment.groupBy({ by: ["batchId", "done"], where: { batchId: { in: ids } }, _count: { _all: true } }),
    db.reviewAssignment.groupBy({ by: ["batchId", "done"], where: { batchId: { in: ids }, userId }, _count: { _all: true } }),
  ]);
  const tally = (groups: typeof all, id: string) => {
    const done = groups.find((g) => g.batchId === id && g.done)?._count._all ?? 0;
    const todo = groups.find((g) => g.batchId === id && !g.done)?._count._all ?? 0;
    return { done, total: done + todo };
  };
  return batches.map((b) => ({ ...b, progress: tally(all, b.id), mine: tally(mine, b.id) }));
}
