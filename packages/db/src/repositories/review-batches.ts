import type { Db } from "../client";
import { findProjectTask } from "./tasks";
import { DomainError } from "../domain-error";
import type { Prisma } from "../generated/prisma/client";
import type { Role } from "../generated/prisma/enums";
import { requireProjectRow, saveAnnotation, setReviewGold, type GoldCorrection } from "./annotations";
import { recordAudit } from "./audit";
import type { ReviewOrderKind } from "./review-orders";
import { readReviewRows, readVotesForRows } from "./review-rows";
import { runPrograms } from "./runs";

/**
 * Team review rows: batches assigned to reviewers, their labels, adjudications and the data the
 * agreement statistics need. The rules (assignment, consensus, disagreement, agreement) are the
 * engine's; callers (the studio's team-review service) pass their results in.
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
