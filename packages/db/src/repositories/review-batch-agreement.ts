import type { Db } from "../client";
import { requireBatch } from "./review-batches";
import { readVotesForRows } from "./review-rows";
import { runPrograms } from "./runs";
import { findProjectTask } from "./tasks";

/**
 * What a batch's agreement statistics are computed from (the engine's `batchAgreement`): the
 * task's class count, the labelled rows (id order), every label, the reviewers (id order, with a
 * display name) and, when the batch has a run, the run's programs' votes on those rows.
 *
 * @example
 * const stats = batchAgreement(await readBatchAgreementInputs(prisma, projectId, batchId));
 */
export async function readBatchAgreementInputs(db: Db, projectId: string, batchId: string) {
  const batch = await requireBatch(db, projectId, batchId);
  const task = await findProjectTask(db, projectId);
  const k = Array.isArray(task?.classes) ? task.classes.length : 0;
  const annotations = await db.annotation.findMany({
    where: { batchId: batch.id },
    select: { rowId: true, userId: true, label: true },
    orderBy: { rowId: "asc" },
  });
  const rowIds = [...new Set(annotations.map((a) => a.rowId))];
  const reviewerIds = [
    ...new Set((await db.reviewAssignment.findMany({ where: { batchId: batch.id }, select: { userId: true }, distinct: ["userId"] })).map((a) => a.userId)),
  ].sort();
  const users = await db.user.findMany({ where: { id: { in: reviewerIds } }, select: { id: true, email: true, name: true } });
  const reviewers = reviewerIds.map((id) => {
    const u = users.find((x) => x.id === id);
    return { id, label: u?.name || u?.email || id };
  });
  const run = batch.runId ? await db.run.findUnique({ where: { id: batch.runId } }) : null;
  let programs: { names: string[]; L: { n: number; m: number; values: Int8Array } } | null = null;
  if (run && k && rowIds.length) {
    const dataset = await db.dataset.findUniqueOrThrow({ where: { id: batch.datasetId }, select: { id: true, chunkSize: true, rowCount: true } });
    const rows = await db.row.findMany({ where: { id: { in: rowIds } }, select: { id: true, index: true } });
    const indexById = new Map(rows.map((r) => [r.id, r.index]));
    const list = runPrograms(run);
    const values = await readVotesForRows(
      db,
      dataset,
      list.map((p) => p.codeHash),
      rowIds.map((id) => indexById.get(id)!),
    );
    programs = { names: list.map((p) => p.name), L: { n: rowIds.length, m: list.length, values } };
  }
  return { batch, k, rowIds, reviewers, annotations, programs };
}
