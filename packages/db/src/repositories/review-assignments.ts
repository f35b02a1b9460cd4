import type { Db } from "../client";
import { DomainError } from "../domain-error";
import { requireProjectRow, saveAnnotation, setReviewGold } from "./annotations";
import { recordAudit } from "./audit";
import { requireBatch } from "./review-batches";
import { readReviewRows } from "./review-rows";

/**
 * One page (batch order) of the user's assignments in a batch with the rows to label, their own
 * labels and, unless the batch is blind, the other reviewers' labels, the programs' votes and
 * the pseudolabel. `todo` keeps only assignments not done yet.
 *
 * @example
 * const { items, total } = await listAssignments(prisma, { projectId, batchId, userId, page: 0, pageSize: 20, todo: true });
 */
export async function listAssignments(db: Db, input: { projectId: string; batchId: string; userId: string; page: number; pageSize: number; todo: boolean }) {
  const batch = await requireBatch(db, input.projectId, input.batchId);
  const where = { batchId: batch.id, userId: input.userId, ...(input.todo ? { done: false } : {}) };
  const [assignments, total, done, all] = await Promise.all([
    db.reviewAssignment.findMany({
      where,
      orderBy: { id: "asc" },
      skip: input.page * input.pageSize,
      take: input.pageSize,
      include: { row: { select: { index: true } } },
    }),
    db.reviewAssignment.count({ where }),
    db.reviewAssignment.count({ where: { batchId: batch.id, userId: input.userId, done: true } }),
    db.reviewAssignment.count({ where: { batchId: batch.id, userId: input.userId } }),
  ]);
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: batch.datasetId }, select: { id: true, chunkSize: true, rowCount: true } });
  const run = batch.runId ? await db.run.findUnique({ where: { id: batch.runId } }) : null;
  const rows = await readReviewRows(
    db,
    run,
    dataset,
    assignments.map((a) => a.row.index),
    { hideModel: batch.blind },
  );
  const annotations = await db.annotation.findMany({
    where: { batchId: batch.id, rowId: { in: assignments.map((a) => a.rowId) } },
    select: { rowId: true, userId: true, label: true, comment: true },
  });
  const items = rows.map((row) => {
    const mine = annotations.find((a) => a.rowId === row.id && a.userId === input.userId) ?? null;
    const others = batch.blind
      ? []
      : annotations.filter((a) => a.rowId === row.id && a.userId !== input.userId).map(({ userId, label, comment }) => ({ userId, label, comment }));
    return { row, mine: mine && { label: mine.label, comment: mine.comment }, others };
  });
  return { batch, items, total, done, all };
}

/**
 * Records a reviewer's label in a batch and marks their assignment done, then, in the same
 * transaction, asks `decide` (the engine's `consensusLabel`) whether the row's labels now make
 * gold; a label it returns is written as the row's gold (REVIEW, via "consensus"), unless the
 * row already has a different gold: then nothing is overwritten, the conflict is audited
 * (`label.gold-conflict`) and returned as `goldConflict`, and the row waits on the adjudication
 * page for an explicit correction.
 *
 * @example
 * const { consensus } = await submitBatchLabel(prisma, { projectId, batchId, rowId, userId, label: 1 }, consensusLabel);
 */
export async function submitBatchLabel(
  db: Db,
  input: { projectId: string; batchId: string; rowId: string; userId: string; label: number; comment?: string | null },
  decide: (row: { labels: number[]; pending: number; adjudicated: boolean }) => number | null,
) {
  const batch = await requireBatch(db, input.projectId, input.batchId);
  if (batch.status !== "OPEN") throw new DomainError("CONFLICT", `batch "${batch.name}" is closed: its labels can no longer change`);
  return db.$transaction(async (tx) => {
    const assignment = await tx.reviewAssignment.findUnique({
      where: { batchId_rowId_userId: { batchId: batch.id, rowId: input.rowId, userId: input.userId } },
    });
    if (!assignment) throw new DomainError("FORBIDDEN", `row ${input.rowId} is not assigned to you in batch "${batch.name}": label the rows of your own queue`);
    await requireProjectRow(tx, input.projectId, input.rowId, input.label);
    await saveAnnotation(tx, { rowId: input.rowId, userId: input.userId, label: input.label, comment: input.comment ?? null, batchId: batch.id });
    await tx.reviewAssignment.update({ where: { id: assignment.id }, data: { done: true, doneAt: new Date() } });
    await recordAudit(tx, {
      projectId: input.projectId,
      actorId: input.userId,
      action: "label.annotate",
      targetType: "row",
      targetId: input.rowId,
      details: { batchId: batch.id, label: input.label },
    });
    const pending = await tx.reviewAssignment.count({ where: { batchId: batch.id, rowId: input.rowId, done: false } });
    const labels =
      pending > 0 ? [] : (await tx.annotation.findMany({ where: { batchId: batch.id, rowId: input.rowId }, select: { label: true } })).map((l) => l.label);
    const adjudicated = pending > 0 ? false : (await tx.adjudication.count({ where: { batchId: batch.id, rowId: input.rowId } })) > 0;
    const consensus = decide({ labels, pending, adjudicated });
    if (consensus === null) return { consensus, complete: pending === 0, goldConflict: null };
    // Consensus never overwrites gold the row already has: it is flagged for an editor's explicit correction (Adjudicate).
    const row = await tx.row.findUniqueOrThrow({ where: { id: input.rowId }, select: { gold: true, goldSource: true } });
    if (row.gold !== null && row.gold !== consensus) {
      const goldConflict = { gold: row.gold, goldSource: row.goldSource, consensus };
      await recordAudit(tx, {
        projectId: input.projectId,
        actorId: input.userId,
        action: "label.gold-conflict",
        targetType: "row",
        targetId: input.rowId,
        details: { batchId: batch.id, ...goldConflict },
      });
      return { consensus: null, complete: true, goldConflict };
    }
    await setReviewGold(tx, { projectId: input.projectId, rowId: input.rowId, label: consensus, actorId: input.userId, via: "consensus" });
    return { consensus, complete: true, goldConflict: null };
  });
}
