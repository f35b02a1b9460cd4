import type { Db } from "../client";
import { DomainError } from "../domain-error";
import { requireProjectRow, setReviewGold, type GoldCorrection } from "./annotations";
import { requireBatch } from "./review-batches";

/**
 * Every label and adjudication of a batch (a batch holds at most 5000 rows), with the batch.
 *
 * @example
 * const { annotations, adjudications, pending } = await readBatchLabels(prisma, projectId, batchId);
 */
export async function readBatchLabels(db: Db, projectId: string, batchId: string) {
  const batch = await requireBatch(db, projectId, batchId);
  const [annotations, adjudications, open] = await Promise.all([
    db.annotation.findMany({ where: { batchId: batch.id }, select: { rowId: true, userId: true, label: true, comment: true }, orderBy: { rowId: "asc" } }),
    db.adjudication.findMany({ where: { batchId: batch.id }, select: { rowId: true, label: true, by: true } }),
    db.reviewAssignment.findMany({ where: { batchId: batch.id, done: false }, select: { rowId: true }, distinct: ["rowId"] }),
  ]);
  /** Rows some reviewer has not labelled yet. */
  const pending = new Set(open.map((a) => a.rowId));
  return { batch, annotations, adjudications, pending };
}

/**
 * Rows by id with what the adjudication page shows of them.
 *
 * @example
 * const rows = await readRowsById(prisma, rowIds);
 */
export async function readRowsById(db: Db, ids: readonly string[]) {
  return db.row.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, index: true, externalId: true, fields: true, split: true, gold: true, goldSource: true },
  });
}

/**
 * An editor's or owner's decision on a row of a batch: stored as an Adjudication and written as
 * the row's gold (REVIEW); changing gold the row already has needs `correction`.
 *
 * @example
 * await adjudicate(prisma, { projectId, batchId, rowId, label: 0, by: actor.userId });
 */
export async function adjudicate(
  db: Db,
  input: { projectId: string; batchId: string; rowId: string; label: number; by: string; correction?: GoldCorrection | undefined },
) {
  const batch = await requireBatch(db, input.projectId, input.batchId);
  return db.$transaction(async (tx) => {
    const assigned = await tx.reviewAssignment.count({ where: { batchId: batch.id, rowId: input.rowId } });
    if (assigned === 0) throw new DomainError("NOT_FOUND", `row ${input.rowId} is not in batch "${batch.name}": reload the adjudication page`);
    const { classes } = await requireProjectRow(tx, input.projectId, input.rowId, input.label);
    const adjudication = await tx.adjudication.create({ data: { rowId: input.rowId, batchId: batch.id, label: input.label, by: input.by } });
    await setReviewGold(tx, {
      projectId: input.projectId,
      rowId: input.rowId,
      label: input.label,
      actorId: input.by,
      via: "adjudication",
      correction: input.correction,
      classes,
    });
    return adjudication;
  });
}
