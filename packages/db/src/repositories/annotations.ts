import type { Db } from "../client";
import { findProjectTask } from "./tasks";
import type { Prisma } from "../generated/prisma/client";
import { DomainError } from "../domain-error";
import { recordAudit } from "./audit";

/**
 * Review labels: one person's label for a row (an Annotation) and the row's gold label when a
 * review decides it. Review-decided gold is marked `goldSource = REVIEW`; imported gold keeps
 * GOLD_IMPORT. Gold on TEST rows is evaluation gold only: nothing in the studio fits on it.
 */

type Tx = Prisma.TransactionClient;

/**
 * A row of a project with the class names of the project's task; throws DomainError NOT_FOUND
 * when the row is not in one of the project's datasets and INVALID when `label` is outside 0..k-1.
 *
 * @example
 * const { row, classes } = await requireProjectRow(prisma, projectId, rowId, 1);
 */
export async function requireProjectRow(db: Db | Tx, projectId: string, rowId: string, label?: number) {
  const row = await db.row.findUnique({ where: { id: rowId }, include: { dataset: { select: { projectId: true, id: true } } } });
  if (!row || row.dataset.projectId !== projectId)
    throw new DomainError("NOT_FOUND", `row ${rowId} is not in this project: it was deleted with its dataset, or the link is wrong; reload the page`);
  const task = await findProjectTask(db, projectId);
  const classes = Array.isArray(task?.classes) ? (task.classes as { name: string }[]).map((c) => c.name) : [];
  if (label !== undefined && (!Number.isInteger(label) || label < 0 || label >= classes.length)) {
    throw new DomainError(
      "INVALID",
      `label ${label} is outside the task's classes 0..${classes.length - 1}: pick one of ${classes.join(", ") || "the task's classes (define them on the Task page first)"}`,
    );
  }
  return { row, classes };
}

/**
 * Creates or updates the (row, user, batch) annotation; `batchId` null is solo review.
 *
 * @example
 * await saveAnnotation(tx, { rowId, userId, label: 1, batchId: null });
 */
export async function saveAnnotation(db: Db | Tx, input: { rowId: string; userId: string; label: number; comment?: string | null; batchId: string | null }) {
  const existing = await db.annotation.findFirst({ where: { rowId: input.rowId, userId: input.userId, batchId: input.batchId }, select: { id: true } });
  const data = { label: input.label, comment: input.comment ?? null };
  if (existing) return db.annotation.update({ where: { id: existing.id }, data });
  return db.annotation.create({ data: { rowId: input.rowId, userId: input.userId, batchId: input.batchId, ...data } });
}

/** An explicit change of a row's existing gold, with the reason the person gave (audited as `label.correct`). */
export interface GoldCorrection {
  readonly reason: string | null;
}

/**
 * Writes a review-decided gold label on a row (goldSource REVIEW) and audits it as `label.gold`.
 * A row that already has a different gold (imported or reviewed) is only changed with
 * `correction` (audited as `label.correct` with the previous gold and the reason); without it
 * this throws DomainError CONFLICT naming the current gold, and nothing is written. A multi-label
 * project's gold (a class set) is refused with INVALID: review decides one class.
 *
 * @example
 * await setReviewGold(tx, { projectId, rowId, label: 0, actorId, via: "adjudication" });
 * await setReviewGold(tx, { projectId, rowId, label: 1, actorId, via: "review", correction: { reason: "the import had it wrong" } });
 */
export async function setReviewGold(
  tx: Tx,
  input: {
    projectId: string;
    rowId: string;
    label: number;
    actorId: string;
    via: "review" | "consensus" | "adjudication";
    correction?: GoldCorrection | undefined;
    classes?: readonly string[];
  },
) {
  // A multi-label row's gold is a class set (bitmask); review decides one class, so it must not write there.
  if ((await tx.task.findUnique({ where: { projectId: input.projectId }, select: { multiLabel: true } }))?.multiLabel) {
    throw new DomainError(
      "INVALID",
      `project ${input.projectId}'s task is multi-label: review decides one class per row, but a multi-label row's gold is a list of classes, so review cannot write it yet; correct the gold lists in the data file and import it again`,
    );
  }
  const before = await tx.row.findUniqueOrThrow({ where: { id: input.rowId }, select: { gold: true, goldSource: true, split: true, externalId: true } });
  const changes = before.gold !== null && before.gold !== input.label;
  if (changes && !input.correction) {
    const source = before.goldSource === "REVIEW" ? "decided in review" : "imported with the data";
    const name = input.classes?.[before.gold!] ?? `class ${before.gold}`;
    throw new DomainError(
      "CONFLICT",
      `row ${before.externalId} already has gold "${name}" (${source}): changing existing gold is a correction; confirm "Correct gold" to change it, or keep the current gold`,
    );
  }
  const row = await tx.row.update({ where: { id: input.rowId }, data: { gold: input.label, goldSource: "REVIEW" } });
  await recordAudit(tx, {
    projectId: input.projectId,
    actorId: input.actorId,
    action: changes ? "label.correct" : "label.gold",
    targetType: "row",
    targetId: input.rowId,
    details: {
      label: input.label,
      previous: before.gold,
      previousSource: before.gold === null ? null : before.goldSource,
      split: before.split,
      via: input.via,
      ...(changes ? { reason: input.correction!.reason } : {}),
    },
  });
  return row;
}

/**
 * Solo review (the Review page): the reviewer's label becomes the row's gold at once, together
 * with an annotation recording who gave it. Accepting the pseudolabel and correcting it are the
 * same call with a different label; changing a row's existing gold needs `correction`
 * (see `setReviewGold`).
 *
 * @example
 * const row = await reviewRow(prisma, { projectId, rowId, userId, label: 1, comment: "obvious spam" });
 */
export async function reviewRow(
  db: Db,
  input: { projectId: string; rowId: string; userId: string; label: number; comment?: string | null; correction?: GoldCorrection | undefined },
) {
  return db.$transaction(async (tx) => {
    const { row, classes } = await requireProjectRow(tx, input.projectId, input.rowId, input.label);
    await saveAnnotation(tx, { rowId: row.id, userId: input.userId, label: input.label, comment: input.comment ?? null, batchId: null });
    await setReviewGold(tx, {
      projectId: input.projectId,
      rowId: row.id,
      label: input.label,
      actorId: input.userId,
      via: "review",
      correction: input.correction,
      classes,
    });
    return { rowId: row.id, datasetId: row.datasetId, split: row.split, label: input.label };
  });
}

/**
 * How many rows of a dataset have gold, by source and split.
 *
 * @example
 * const { imported, reviewed, reviewedBySplit } = await countGold(prisma, datasetId);
 */
export async function countGold(db: Db, datasetId: string) {
  const groups = await db.row.groupBy({ by: ["goldSource", "split"], where: { datasetId, gold: { not: null } }, _count: { _all: true } });
  let imported = 0;
  let reviewed = 0;
  const reviewedBySplit: Record<"TRAIN" | "DEV" | "TEST", number> = { TRAIN: 0, DEV: 0, TEST: 0 };
  for (const g of groups) {
    if (g.goldSource === "REVIEW") {
      reviewed += g._count._all;
      reviewedBySplit[g.split] += g._count._all;
    } else imported += g._count._all;
  }
  return { imported, reviewed, reviewedBySplit };
}
