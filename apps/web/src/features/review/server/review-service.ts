import "server-only";
import { z } from "zod";
import { addComment, countGold, findProjectTask, getPrisma, readReviewQueue, reviewRow, type ReviewRowView } from "@alchemist/db";
import { getEnv } from "@/env";
import type { ProjectActor } from "@/features/auth";
import { queueReviewOrder, type DerivedJob } from "@/features/jobs";
import { displayFields, type ReviewItem } from "../review-item";
import { scheduleRescore, type RescoreOutcome } from "./schedule-rescore";

export const REVIEW_PAGE_SIZE = 20;

export const QueueParams = z.object({
  order: z.enum(["conflict", "uncertainty", "likely-errors"]).default("uncertainty"),
  split: z.enum(["TRAIN", "DEV", "TEST"]).optional(),
  cursor: z.coerce.number().int().min(0).max(10_000_000).default(0),
  gold: z.enum(["any", "none"]).default("any"),
});
export type QueueParams = z.infer<typeof QueueParams>;

/** A repository row view -> the client's item. */
export function toItem(row: ReviewRowView, extra: { mine?: number | null; others?: ReviewItem["others"] } = {}): ReviewItem {
  return {
    rowId: row.id,
    index: row.index,
    externalId: row.externalId,
    split: row.split,
    fields: displayFields(row.fields),
    votes: row.votes,
    pseudolabel: row.pseudolabel,
    gold: row.gold,
    mine: extra.mine ?? null,
    others: extra.others ?? [],
  };
}

/** The task's class names (index order) of a project; [] without a task. */
export async function projectClasses(projectId: string): Promise<string[]> {
  const task = await findProjectTask(getPrisma(), projectId);
  return Array.isArray(task?.classes) ? (task.classes as { name: string }[]).map((c) => c.name) : [];
}

/**
 * One page of the review queue (rows still needing review, most conflicting or uncertain first)
 * with the task's classes and the dataset's gold counts. The caller has authorized "read".
 * The order is read as the `review-order` job stored it; when it is missing or stale that job is
 * queued (once, as `viewer`) and returned as `job` for live progress ("computing…").
 *
 * @example
 * const view = await getReviewQueue(projectId, QueueParams.parse({ order: "conflict" }), actor.userId);
 */
export async function getReviewQueue(projectId: string, params: QueueParams, viewer: string) {
  getEnv();
  const db = getPrisma();
  const page = await readReviewQueue(db, {
    projectId,
    kind: params.order,
    split: params.split,
    withoutGold: params.gold === "none",
    cursor: params.cursor,
    limit: REVIEW_PAGE_SIZE,
  });
  const pending: DerivedJob | null =
    page.status !== "no-run" && page.due
      ? await queueReviewOrder({ projectId, runId: page.runId, kind: page.due.kind, stamp: page.due.stamp, actorId: viewer })
      : null;
  const classes = await projectClasses(projectId);
  const gold = page.status === "ok" ? await countGold(db, page.datasetId) : null;
  const comments = page.rows.length
    ? await db.comment.findMany({
        where: { projectId, targetType: "ROW", targetId: { in: page.rows.map((r) => r.id) } },
        orderBy: { createdAt: "asc" },
        take: 500,
      })
    : [];
  const authors = await db.user.findMany({
    where: { id: { in: [...new Set(comments.map((c) => c.authorId))] } },
    select: { id: true, name: true, email: true },
  });
  const nameOf = new Map(authors.map((u) => [u.id, u.name || u.email]));
  const items = page.rows.map((r) => ({
    ...toItem(r),
    comments: comments.filter((c) => c.targetId === r.id).map((c) => ({ author: nameOf.get(c.authorId) ?? "former member", body: c.body })),
  }));
  return { ...page, items, classes, gold, pending };
}

export const ReviewInput = z.object({
  projectId: z.string().min(1).max(100),
  rowId: z.string().min(1).max(100),
  label: z.number().int().min(0).max(10_000),
  comment: z.string().max(5000).optional(),
  /** Changing a row's existing gold must say so: an explicit, audited correction. */
  correct: z.boolean().optional(),
  reason: z.string().trim().max(1000).optional(),
});

/**
 * Solo review: the label becomes the row's gold (REVIEW) with an annotation and an audit entry
 * (changing existing gold needs `correct: true`: audited as `label.correct` with the reason);
 * a DEV row also re-scores the programs (DEV gold is what scores them; TRAIN gold is stored but
 * fits nothing and TEST gold only evaluates).
 *
 * @example
 * const { rescore } = await submitReview(input, actor);
 */
export async function submitReview(
  input: z.infer<typeof ReviewInput>,
  actor: ProjectActor,
): Promise<{ split: string; rescore: RescoreOutcome | "unavailable" | "not-needed" }> {
  getEnv();
  const db = getPrisma();
  const correction = input.correct ? { reason: input.reason || null } : undefined;
  const result = await reviewRow(db, {
    projectId: input.projectId,
    rowId: input.rowId,
    userId: actor.userId,
    label: input.label,
    comment: input.comment?.trim() || null,
    correction,
  });
  const comment = input.comment?.trim();
  if (comment) await addComment(db, { projectId: input.projectId, targetType: "ROW", targetId: input.rowId, authorId: actor.userId, body: comment });
  const rescore = result.split === "DEV" ? await rescoreQuietly(input.projectId, actor) : "not-needed";
  return { split: result.split, rescore };
}

/**
 * scheduleRescore for label writes: the label is already stored, so a queue outage is reported
 * ("unavailable", the page offers "Re-score now") rather than failing the label.
 *
 * @example
 * const outcome = await rescoreQuietly(projectId, actor);
 */
export async function rescoreQuietly(projectId: string, actor: ProjectActor): Promise<RescoreOutcome | "unavailable"> {
  try {
    return await scheduleRescore(projectId, actor);
  } catch (error) {
    console.error("[review] could not queue the re-score", error);
    return "unavailable";
  }
}
