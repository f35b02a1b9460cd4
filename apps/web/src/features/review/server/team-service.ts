import "server-only";
import { z } from "zod";
import { roleAllows } from "@alchemist/engine";
import { adjudicate, getPrisma, getReviewRun, listAssignments, listMembers, listReviewBatches, reviewOrderState } from "@alchemist/db";
import { getEnv } from "@/env";
import type { ProjectActor } from "@/features/auth";
import { queueReviewOrder } from "@/features/jobs";
import { displayFields } from "../review-item";
import { projectClasses, rescoreQuietly, toItem } from "./review-service";
import { createReviewBatch, listDisagreements, readBatchAgreement, submitBatchLabel } from "./team-review";

const id = z.string().min(1).max(100);

async function userNames(ids: readonly string[]): Promise<Map<string, string>> {
  const users = await getPrisma().user.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true, email: true } });
  return new Map(users.map((u) => [u.id, u.name || u.email]));
}

const canEdit = (actor: ProjectActor) => roleAllows(actor.role, "edit");

/**
 * The team review overview: batches with progress (overall and the actor's), and for editors
 * and owners the members who may review (the create-batch form). The caller has authorized "read".
 *
 * @example
 * const view = await getBatchesView(projectId, actor);
 */
export async function getBatchesView(projectId: string, actor: ProjectActor) {
  getEnv();
  const db = getPrisma();
  const batches = await listReviewBatches(db, projectId, actor.userId);
  const members = canEdit(actor)
    ? (await listMembers(db, projectId)).filter((m) => roleAllows(m.role, "review")).map((m) => ({ userId: m.userId, label: m.name || m.email, role: m.role }))
    : [];
  const names = await userNames(batches.map((b) => b.createdBy));
  return {
    canEdit: canEdit(actor),
    members,
    batches: batches.map((b) => ({
      id: b.id,
      name: b.name,
      overlap: b.overlap,
      blind: b.blind,
      status: b.status,
      strategy: b.strategy,
      createdAt: b.createdAt.toISOString(),
      createdBy: names.get(b.createdBy) ?? "former member",
      progress: b.progress,
      mine: b.mine,
    })),
  };
}

export const CreateBatchInput = z.object({
  projectId: id,
  name: z.string().trim().min(1, "name the batch").max(120),
  size: z.coerce.number().int().min(1).max(5000),
  overlap: z.coerce.number().int().min(1).max(50),
  blind: z.boolean(),
  strategy: z.enum(["uncertainty", "conflict", "random"]),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(0),
  split: z.enum(["TRAIN", "DEV", "TEST"]).optional(),
  reviewerIds: z.array(id).min(1, "pick at least one reviewer").max(100),
});

/**
 * Creates a batch (editors and owners; the caller has authorized "edit"). Picking rows by
 * conflict or uncertainty reads the run's stored order; a missing or stale one has its
 * `review-order` job queued here (a missing one also fails the request with "try again when done").
 *
 * @example
 * const batch = await createBatch(CreateBatchInput.parse(input), actor);
 */
export async function createBatch(input: z.infer<typeof CreateBatchInput>, actor: ProjectActor) {
  getEnv();
  const db = getPrisma();
  if (input.strategy !== "random") {
    const run = (await getReviewRun(db, input.projectId))?.run;
    const state = run ? await reviewOrderState(db, run.id, input.strategy) : null;
    if (run && state && !state.fresh)
      await queueReviewOrder({ projectId: input.projectId, runId: run.id, kind: state.kind, stamp: state.stamp, actorId: actor.userId });
  }
  return createReviewBatch(db, { ...input, createdBy: actor.userId });
}

/**
 * One page of the actor's assignments in a batch as review items (blind batches: no votes,
 * pseudolabel or other reviewers). The caller has authorized "review".
 *
 * @example
 * const view = await getAssignmentsView(projectId, batchId, actor, 0, true);
 */
export async function getAssignmentsView(projectId: string, batchId: string, actor: ProjectActor, page: number, todo: boolean) {
  getEnv();
  const result = await listAssignments(getPrisma(), { projectId, batchId, userId: actor.userId, page, pageSize: 20, todo });
  const names = await userNames(result.items.flatMap((i) => i.others.map((o) => o.userId)));
  const items = result.items.map((i) =>
    toItem(i.row, {
      mine: i.mine?.label ?? null,
      others: i.others.map((o) => ({ reviewer: names.get(o.userId) ?? "a reviewer", label: o.label, comment: o.comment })),
    }),
  );
  return {
    batch: { id: result.batch.id, name: result.batch.name, blind: result.batch.blind, overlap: result.batch.overlap, status: result.batch.status },
    items,
    total: result.total,
    done: result.done,
    all: result.all,
    classes: await projectClasses(projectId),
  };
}

export const BatchLabelInput = z.object({
  projectId: id,
  batchId: id,
  rowId: id,
  label: z.number().int().min(0).max(10_000),
  comment: z.string().max(5000).optional(),
});

/**
 * A reviewer's label in a batch; a unanimous row becomes gold (and re-scores on DEV). The caller
 * has authorized "review".
 *
 * @example
 * const { consensus } = await submitBatchLabelService(input, actor);
 */
export async function submitBatchLabelService(input: z.infer<typeof BatchLabelInput>, actor: ProjectActor) {
  getEnv();
  const db = getPrisma();
  const result = await submitBatchLabel(db, { ...input, comment: input.comment?.trim() || null, userId: actor.userId });
  if (result.consensus !== null) {
    const row = await db.row.findUnique({ where: { id: input.rowId }, select: { split: true } });
    if (row?.split === "DEV") await rescoreQuietly(input.projectId, actor);
  }
  return result;
}

/**
 * Rows of a batch the reviewers disagree on, with each reviewer's label (editors and owners:
 * the caller has authorized "edit", since this reveals blind labels).
 *
 * @example
 * const view = await getDisagreementsView(projectId, batchId);
 */
export async function getDisagreementsView(projectId: string, batchId: string) {
  getEnv();
  const db = getPrisma();
  const { batch, rows } = await listDisagreements(db, projectId, batchId);
  const names = await userNames(rows.flatMap((r) => r.labels.map((l) => l.userId)));
  return {
    batch: { id: batch.id, name: batch.name },
    classes: await projectClasses(projectId),
    rows: rows.slice(0, 200).map((r) => ({
      kind: r.kind,
      gold: r.row.gold === null ? null : { label: r.row.gold, source: r.row.goldSource },
      rowId: r.row.id,
      index: r.row.index,
      externalId: r.row.externalId,
      split: r.row.split,
      fields: displayFields(r.row.fields),
      labels: r.labels.map((l) => ({ reviewer: names.get(l.userId) ?? "a reviewer", label: l.label, comment: l.comment })),
    })),
    total: rows.length,
  };
}

export const AdjudicateInput = z.object({
  projectId: id,
  batchId: id,
  rowId: id,
  label: z.number().int().min(0).max(10_000),
  /** Changing a row's existing gold must say so: an explicit, audited correction. */
  correct: z.boolean().optional(),
  reason: z.string().trim().max(1000).optional(),
});

/**
 * Adjudicates a row (editors and owners; the caller has authorized "edit"): becomes gold, DEV
 * re-scores; changing existing gold needs `correct: true` (audited as `label.correct`).
 *
 * @example
 * await adjudicateService(input, actor);
 */
export async function adjudicateService(input: z.infer<typeof AdjudicateInput>, actor: ProjectActor) {
  getEnv();
  const db = getPrisma();
  await adjudicate(db, {
    projectId: input.projectId,
    batchId: input.batchId,
    rowId: input.rowId,
    label: input.label,
    by: actor.userId,
    correction: input.correct ? { reason: input.reason || null } : undefined,
  });
  const row = await db.row.findUnique({ where: { id: input.rowId }, select: { split: true } });
  return { rescore: row?.split === "DEV" ? await rescoreQuietly(input.projectId, actor) : "not-needed" };
}

/**
 * Agreement statistics of a batch (the caller has authorized "read").
 *
 * @example
 * const stats = await getBatchStats(projectId, batchId);
 */
export async function getBatchStats(projectId: string, batchId: string) {
  getEnv();
  const stats = await readBatchAgreement(getPrisma(), projectId, batchId);
  return { ...stats, batch: { id: stats.batch.id, name: stats.batch.name, blind: stats.batch.blind, overlap: stats.batch.overlap } };
}
