import { cohenKappa, createRng, fleissKappa, percentAgreement, raterProgramAgreement } from "@alchemist/engine";
import type { Db } from "../client";
import { Prisma } from "../generated/prisma/client";
import type { Split } from "../generated/prisma/enums";
import { bytesToVotes } from "../votes";
import { ReviewError, requireProjectRow, saveAnnotation, setReviewGold } from "./annotations";
import { recordAudit } from "./audit";
import { readReviewOrderSlice, reviewOrderState, type ReviewOrderKind, type StoredReviewOrder } from "./review-orders";
import { runPrograms } from "./runs";

/**
 * Review queues and team review: which rows to look at first (programs' conflict or pseudolabel
 * uncertainty, computed and stored by the `review-order` job, see review-orders.ts), batches
 * assigned to reviewers with N-way overlap, blind views, consensus/adjudication into gold, and
 * agreement statistics.
 */

export type BatchStrategy = ReviewOrderKind | "random";

type DatasetShape = { id: string; chunkSize: number; rowCount: number };
type RunShape = { id: string; datasetId: string; programs: unknown };

function bytesToFloat32(bytes: Uint8Array): Float32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
}

/** Row indices in review order, read window by window (a stored order is read in slices). */
export interface OrderSource {
  readonly length: number;
  read(from: number, to: number): Promise<ArrayLike<number>>;
}

/**
 * An order held in memory (a seeded random permutation, tests).
 *
 * @example
 * await pickFromOrder(prisma, memoryOrder(Int32Array.from([3, 1, 2])), { datasetId }, 0, 2);
 */
export function memoryOrder(indices: Int32Array): OrderSource {
  return { length: indices.length, read: async (from, to) => indices.subarray(from, to) };
}

/**
 * A stored order, read slice by slice.
 *
 * @example
 * const source = storedOrder(prisma, state.stored);
 */
export function storedOrder(db: Db, order: StoredReviewOrder): OrderSource {
  return { length: order.length, read: (from, to) => readReviewOrderSlice(db, order.id, from, to) };
}

export interface QueueFilter {
  readonly datasetId: string;
  readonly split?: Split | undefined;
  /** Only rows with no gold at all (imported gold included); default: rows not yet decided by review. */
  readonly withoutGold?: boolean | undefined;
}

/**
 * Walks `order` from `cursor`, keeping rows that still need review (no review-decided gold, in
 * the split, optionally without any gold), 500 positions per query and at most `maxScan`
 * positions per call, so a page costs a few small indexed queries whatever the dataset size.
 *
 * @example
 * const { picked, nextCursor } = await pickFromOrder(prisma, storedOrder(prisma, state.stored!), { datasetId }, 0, 20);
 */
export async function pickFromOrder(db: Db, order: OrderSource, filter: QueueFilter, cursor: number, limit: number, maxScan = 20_000) {
  if (!Number.isInteger(cursor) || cursor < 0) throw new ReviewError("BAD_REQUEST", `cursor must be a non-negative integer, got ${cursor}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw new ReviewError("BAD_REQUEST", `limit must be 1..5000, got ${limit}`);
  const picked: number[] = [];
  let pos = cursor;
  while (picked.length < limit && pos < order.length && pos - cursor < maxScan) {
    const window = Array.from(await order.read(pos, Math.min(order.length, pos + 500)));
    const rows = await db.row.findMany({
      where: {
        datasetId: filter.datasetId,
        index: { in: window },
        ...(filter.split ? { split: filter.split } : {}),
        ...(filter.withoutGold ? { gold: null } : { NOT: { gold: { not: null }, goldSource: "REVIEW" } }),
      },
      select: { index: true },
    });
    const keep = new Set(rows.map((r) => r.index));
    let w = 0;
    for (; w < window.length && picked.length < limit; w++) if (keep.has(window[w]!)) picked.push(window[w]!);
    pos += w;
  }
  return { picked, nextCursor: pos < order.length ? pos : null };
}

/**
 * Votes of the given programs on the given rows only (reads just the chunks those rows sit in):
 * |indices| x m row-major, -1 where a program abstained or has no stored chunk.
 *
 * @example
 * const votes = await readVotesForRows(prisma, dataset, codeHashes, [4, 17]);
 */
export async function readVotesForRows(db: Db, dataset: DatasetShape, codeHashes: readonly string[], indices: readonly number[]): Promise<Int8Array> {
  const m = codeHashes.length;
  const out = new Int8Array(indices.length * m).fill(-1);
  if (indices.length === 0 || m === 0) return out;
  const chunkIndices = [...new Set(indices.map((i) => Math.floor(i / dataset.chunkSize)))];
  const outputs = await db.programOutput.findMany({ where: { datasetId: dataset.id, codeHash: { in: [...new Set(codeHashes)] }, chunkIndex: { in: chunkIndices } }, select: { codeHash: true, chunkIndex: true, votes: true } });
  const byKey = new Map(outputs.map((o) => [`${o.codeHash}:${o.chunkIndex}`, bytesToVotes(o.votes)]));
  indices.forEach((index, r) => {
    const chunk = Math.floor(index / dataset.chunkSize);
    codeHashes.forEach((hash, j) => {
      const votes = byKey.get(`${hash}:${chunk}`);
      const v = votes?.[index - chunk * dataset.chunkSize];
      if (v !== undefined) out[r * m + j] = v;
    });
  });
  return out;
}

/**
 * The run's pseudolabel (argmax class and its probability) for the given rows, or null per row
 * when the run has none; reads only those rows' chunks.
 *
 * @example
 * const labels = await readPseudolabelsForRows(prisma, runId, dataset, [4, 17]);
 */
export async function readPseudolabelsForRows(db: Db, runId: string, dataset: DatasetShape, indices: readonly number[]) {
  const out: ({ label: number; confidence: number } | null)[] = indices.map(() => null);
  const chunkIndices = [...new Set(indices.map((i) => Math.floor(i / dataset.chunkSize)))];
  if (chunkIndices.length === 0) return out;
  const chunks = await db.pseudolabel.findMany({ where: { runId, chunkIndex: { in: chunkIndices } }, select: { chunkIndex: true, k: true, probs: true } });
  const byChunk = new Map(chunks.map((c) => [c.chunkIndex, { k: c.k, probs: bytesToFloat32(c.probs) }]));
  indices.forEach((index, r) => {
    const chunk = byChunk.get(Math.floor(index / dataset.chunkSize));
    if (!chunk) return;
    const base = (index % dataset.chunkSize) * chunk.k;
    let best = 0;
    for (let c = 1; c < chunk.k; c++) if (chunk.probs[base + c]! > chunk.probs[base + best]!) best = c;
    out[r] = { label: best, confidence: chunk.probs[base + best]! };
  });
  return out;
}

export interface ReviewRowView {
  readonly id: string;
  readonly index: number;
  readonly externalId: string;
  readonly fields: unknown;
  readonly split: Split;
  /** Program name -> vote (-1 = abstain); empty when hidden (blind). */
  readonly votes: { name: string; vote: number }[];
  readonly pseudolabel: { label: number; confidence: number } | null;
}

/**
 * Rows (by index, in the given order) with their program votes and pseudolabel from a run;
 * `hideModel` leaves votes and pseudolabel out (blind review).
 *
 * @example
 * const rows = await readReviewRows(prisma, run, dataset, [4, 17], { hideModel: false });
 */
export async function readReviewRows(db: Db, run: RunShape | null, dataset: DatasetShape, indices: readonly number[], options: { hideModel: boolean }): Promise<ReviewRowView[]> {
  const rows = await db.row.findMany({ where: { datasetId: dataset.id, index: { in: [...indices] } }, select: { id: true, index: true, externalId: true, fields: true, split: true } });
  const byIndex = new Map(rows.map((r) => [r.index, r]));
  const programs = run && !options.hideModel ? runPrograms(run) : [];
  const votes = run && !options.hideModel ? await readVotesForRows(db, dataset, programs.map((p) => p.codeHash), indices) : new Int8Array(0);
  const pseudo = run && !options.hideModel ? await readPseudolabelsForRows(db, run.id, dataset, indices) : indices.map(() => null);
  return indices.flatMap((index, r) => {
    const row = byIndex.get(index);
    if (!row) return [];
    return [{ ...row, votes: programs.map((p, j) => ({ name: p.name, vote: votes[r * programs.length + j]! })), pseudolabel: pseudo[r] ?? null }];
  });
}

/**
 * The project's newest dataset and its newest run whose votes are all stored and analysed (also
 * while that run is being re-analysed, e.g. after review gold changed); null without a dataset.
 *
 * @example
 * const target = await getReviewRun(prisma, projectId); // { dataset, run: Run | null } | null
 */
export async function getReviewRun(db: Db, projectId: string) {
  const dataset = await db.dataset.findFirst({ where: { projectId }, orderBy: { createdAt: "desc" }, select: { id: true, chunkSize: true, rowCount: true, name: true } });
  if (!dataset) return null;
  // Only the columns the queue uses: the run's analysis/metrics blobs are not read per page view.
  const run = await db.run.findFirst({ where: { projectId, datasetId: dataset.id, analysis: { not: Prisma.DbNull } }, orderBy: { createdAt: "desc" }, select: { id: true, datasetId: true, programs: true, status: true } });
  return { dataset, run };
}

/**
 * One page of the solo review queue: rows still needing review in the stored conflict or
 * uncertainty order, with votes and pseudolabel; `nextCursor` continues after the last row shown.
 * Nothing is computed here: `status` is "computing" while the run has no stored order of that
 * kind yet, and `due` names the order a `review-order` job must (re)compute when the stored one
 * is missing or stale (a stale order is still served, `stale: true`).
 *
 * @example
 * const page = await readReviewQueue(prisma, { projectId, kind: "conflict", cursor: 0, limit: 20 });
 * if (page.due) await queueReviewOrder(page.runId, page.due);
 */
export async function readReviewQueue(db: Db, input: { projectId: string; kind: ReviewOrderKind; split?: Split | undefined; withoutGold?: boolean | undefined; cursor: number; limit: number }) {
  const target = await getReviewRun(db, input.projectId);
  const none = { rows: [] as ReviewRowView[], nextCursor: null, kind: input.kind, fallback: false, scored: 0, total: target?.dataset.rowCount ?? 0, stale: false, due: null };
  if (!target?.run) return { status: "no-run" as const, ...none };
  const { run, dataset } = target;
  const state = await reviewOrderState(db, run.id, input.kind);
  const due = state.fresh ? null : { kind: state.kind, stamp: state.stamp };
  const base = { runId: run.id, datasetId: dataset.id, kind: state.kind, fallback: state.fallback, total: dataset.rowCount, due };
  if (!state.stored) return { status: "computing" as const, ...none, ...base };
  const { picked, nextCursor } = await pickFromOrder(db, storedOrder(db, state.stored), { datasetId: dataset.id, split: input.split, withoutGold: input.withoutGold }, input.cursor, input.limit);
  const rows = await readReviewRows(db, run, dataset, picked, { hideModel: false });
  return { status: "ok" as const, ...base, rows, nextCursor, scored: state.stored.scored, stale: !state.fresh };
}

const REVIEWING_ROLES = ["OWNER", "EDITOR", "REVIEWER"] as const;

/** Round-robin assignment: row p goes to reviewers (p * overlap + t) mod R, t < overlap: exactly `overlap` distinct reviewers per row, loads within one row of each other. */
export function assignReviewers(rowCount: number, reviewers: readonly string[], overlap: number): { row: number; userId: string }[] {
  if (!Number.isInteger(overlap) || overlap < 1 || overlap > reviewers.length) throw new ReviewError("BAD_REQUEST", `overlap must be 1..${reviewers.length} (the number of reviewers), got ${overlap}`);
  const out: { row: number; userId: string }[] = [];
  for (let p = 0; p < rowCount; p++) for (let t = 0; t < overlap; t++) out.push({ row: p, userId: reviewers[(p * overlap + t) % reviewers.length]! });
  return out;
}

function seededPermutation(n: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const out = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}

export interface CreateBatchInput {
  readonly projectId: string;
  readonly name: string;
  readonly size: number;
  readonly overlap: number;
  readonly blind: boolean;
  readonly strategy: BatchStrategy;
  readonly seed?: number | undefined;
  readonly split?: Split | undefined;
  readonly reviewerIds: readonly string[];
  readonly createdBy: string;
}

/**
 * Creates a review batch: picks `size` rows still needing review (by conflict, uncertainty or a
 * seeded random permutation) from the newest dataset and assigns each to exactly `overlap` of
 * the reviewers (project members who may review), all in one transaction.
 *
 * @example
 * const batch = await createReviewBatch(prisma, { projectId, name: "round 1", size: 50, overlap: 2, blind: true, strategy: "random", seed: 7, reviewerIds: [a, b, c], createdBy: a });
 */
export async function createReviewBatch(db: Db, input: CreateBatchInput) {
  const name = input.name.trim();
  if (!name || name.length > 120) throw new ReviewError("BAD_REQUEST", `batch name must be 1..120 characters, got ${name.length}`);
  if (!Number.isInteger(input.size) || input.size < 1 || input.size > 5000) throw new ReviewError("BAD_REQUEST", `batch size must be 1..5000 rows, got ${input.size}`);
  const reviewers = [...new Set(input.reviewerIds)];
  if (reviewers.length !== input.reviewerIds.length) throw new ReviewError("BAD_REQUEST", "a reviewer is listed twice");
  if (reviewers.length === 0) throw new ReviewError("BAD_REQUEST", "pick at least one reviewer");
  if (!Number.isInteger(input.overlap) || input.overlap < 1 || input.overlap > reviewers.length) {
    throw new ReviewError("BAD_REQUEST", `overlap must be 1..${reviewers.length} (the number of reviewers picked), got ${input.overlap}`);
  }
  const members = await db.membership.findMany({ where: { projectId: input.projectId, userId: { in: reviewers }, role: { in: [...REVIEWING_ROLES] } }, select: { userId: true } });
  const allowed = new Set(members.map((m) => m.userId));
  const outsiders = reviewers.filter((r) => !allowed.has(r));
  if (outsiders.length) throw new ReviewError("BAD_REQUEST", `${outsiders.length} picked reviewer(s) are not members of this project who may review (owner, editor or reviewer)`);
  const target = await getReviewRun(db, input.projectId);
  if (!target) throw new ReviewError("BAD_REQUEST", "import a dataset before creating a review batch");
  const { dataset, run } = target;
  let order: OrderSource;
  let seed: number | null = null;
  if (input.strategy === "random") {
    seed = input.seed ?? 0;
    order = memoryOrder(seededPermutation(dataset.rowCount, seed));
  } else {
    if (!run) throw new ReviewError("BAD_REQUEST", `ordering by ${input.strategy} needs a finished run: apply the programs first, or pick random`);
    // A stale order (pseudolabels refitted since) still ranks rows sensibly; a missing one is computed by a job.
    const state = await reviewOrderState(db, run.id, input.strategy);
    if (!state.stored) throw new ReviewError("CONFLICT", `the ${state.kind} order of this run's rows is still being computed; create the batch when that job has finished, or pick random`);
    order = storedOrder(db, state.stored);
  }
  const { picked } = await pickFromOrder(db, order, { datasetId: dataset.id, split: input.split }, 0, input.size, Math.max(20_000, input.size * 20));
  if (picked.length === 0) throw new ReviewError("BAD_REQUEST", "no rows left to review with these settings");
  const rows = await db.row.findMany({ where: { datasetId: dataset.id, index: { in: picked } }, select: { id: true, index: true } });
  const idByIndex = new Map(rows.map((r) => [r.index, r.id]));
  return db.$transaction(async (tx) => {
    const batch = await tx.reviewBatch.create({
      data: { projectId: input.projectId, datasetId: dataset.id, name, overlap: input.overlap, blind: input.blind, strategy: input.strategy, seed, runId: run?.id ?? null, createdBy: input.createdBy },
    });
    await tx.reviewAssignment.createMany({ data: assignReviewers(picked.length, reviewers, input.overlap).map((a) => ({ batchId: batch.id, rowId: idByIndex.get(picked[a.row]!)!, userId: a.userId })) });
    await recordAudit(tx, { projectId: input.projectId, actorId: input.createdBy, action: "review_batch.create", targetType: "review_batch", targetId: batch.id, details: { rows: picked.length, overlap: input.overlap, blind: input.blind, strategy: input.strategy, reviewers: reviewers.length } });
    return { ...batch, rows: picked.length };
  }, { timeout: 60_000 });
}

/**
 * A batch of the project, or ReviewError NOT_FOUND.
 *
 * @example
 * const batch = await requireBatch(prisma, projectId, batchId);
 */
export async function requireBatch(db: Db, projectId: string, batchId: string) {
  const batch = await db.reviewBatch.findUnique({ where: { id: batchId } });
  if (!batch || batch.projectId !== projectId) throw new ReviewError("NOT_FOUND", `review batch ${batchId} is not in project ${projectId}`);
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
 * One assignment to label in a batch: the given row, or the user's next undone one (batch
 * order). Blind batches hide other reviewers' labels and the programs' votes and pseudolabel.
 * Null when the user has nothing left.
 *
 * @example
 * const item = await readAssignment(prisma, { projectId, batchId, userId });
 */
export async function readAssignment(db: Db, input: { projectId: string; batchId: string; userId: string; rowId?: string | undefined }) {
  const batch = await requireBatch(db, input.projectId, input.batchId);
  const where = input.rowId ? { batchId: batch.id, userId: input.userId, rowId: input.rowId } : { batchId: batch.id, userId: input.userId, done: false };
  const assignment = await db.reviewAssignment.findFirst({ where, orderBy: { id: "asc" }, include: { row: { select: { index: true } } } });
  const [done, total] = await Promise.all([db.reviewAssignment.count({ where: { batchId: batch.id, userId: input.userId, done: true } }), db.reviewAssignment.count({ where: { batchId: batch.id, userId: input.userId } })]);
  if (!assignment) {
    if (input.rowId) throw new ReviewError("FORBIDDEN", `row ${input.rowId} is not assigned to you in batch "${batch.name}"`);
    return { batch, item: null, done, total };
  }
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: batch.datasetId }, select: { id: true, chunkSize: true, rowCount: true } });
  const run = batch.runId ? await db.run.findUnique({ where: { id: batch.runId } }) : null;
  const [row] = await readReviewRows(db, run, dataset, [assignment.row.index], { hideModel: batch.blind });
  const annotations = await db.annotation.findMany({ where: { batchId: batch.id, rowId: assignment.rowId }, select: { userId: true, label: true, comment: true } });
  const mine = annotations.find((a) => a.userId === input.userId) ?? null;
  const others = batch.blind ? [] : annotations.filter((a) => a.userId !== input.userId);
  return { batch, item: { row: row!, mine, others, done: assignment.done }, done, total };
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
  if (!Number.isInteger(input.page) || input.page < 0) throw new ReviewError("BAD_REQUEST", `page must be a non-negative integer, got ${input.page}`);
  if (!Number.isInteger(input.pageSize) || input.pageSize < 1 || input.pageSize > 200) throw new ReviewError("BAD_REQUEST", `pageSize must be 1..200, got ${input.pageSize}`);
  const where = { batchId: batch.id, userId: input.userId, ...(input.todo ? { done: false } : {}) };
  const [assignments, total, done, all] = await Promise.all([
    db.reviewAssignment.findMany({ where, orderBy: { id: "asc" }, skip: input.page * input.pageSize, take: input.pageSize, include: { row: { select: { index: true } } } }),
    db.reviewAssignment.count({ where }),
    db.reviewAssignment.count({ where: { batchId: batch.id, userId: input.userId, done: true } }),
    db.reviewAssignment.count({ where: { batchId: batch.id, userId: input.userId } }),
  ]);
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: batch.datasetId }, select: { id: true, chunkSize: true, rowCount: true } });
  const run = batch.runId ? await db.run.findUnique({ where: { id: batch.runId } }) : null;
  const rows = await readReviewRows(db, run, dataset, assignments.map((a) => a.row.index), { hideModel: batch.blind });
  const annotations = await db.annotation.findMany({ where: { batchId: batch.id, rowId: { in: assignments.map((a) => a.rowId) } }, select: { rowId: true, userId: true, label: true, comment: true } });
  const items = rows.map((row) => {
    const mine = annotations.find((a) => a.rowId === row.id && a.userId === input.userId) ?? null;
    const others = batch.blind ? [] : annotations.filter((a) => a.rowId === row.id && a.userId !== input.userId).map(({ userId, label, comment }) => ({ userId, label, comment }));
    return { row, mine: mine && { label: mine.label, comment: mine.comment }, others };
  });
  return { batch, items, total, done, all };
}

/**
 * Records a reviewer's label in a batch and marks their assignment done. When every reviewer of
 * the row has answered and all agree (and no adjudication exists), the label becomes the row's
 * gold (consensus); a disagreement waits for adjudication.
 *
 * @example
 * const { consensus } = await submitBatchLabel(prisma, { projectId, batchId, rowId, userId, label: 1 });
 */
export async function submitBatchLabel(db: Db, input: { projectId: string; batchId: string; rowId: string; userId: string; label: number; comment?: string | null }) {
  const batch = await requireBatch(db, input.projectId, input.batchId);
  if (batch.status !== "OPEN") throw new ReviewError("CONFLICT", `batch "${batch.name}" is closed`);
  return db.$transaction(async (tx) => {
    const assignment = await tx.reviewAssignment.findUnique({ where: { batchId_rowId_userId: { batchId: batch.id, rowId: input.rowId, userId: input.userId } } });
    if (!assignment) throw new ReviewError("FORBIDDEN", `row ${input.rowId} is not assigned to you in batch "${batch.name}"`);
    await requireProjectRow(tx, input.projectId, input.rowId, input.label);
    await saveAnnotation(tx, { rowId: input.rowId, userId: input.userId, label: input.label, comment: input.comment ?? null, batchId: batch.id });
    await tx.reviewAssignment.update({ where: { id: assignment.id }, data: { done: true, doneAt: new Date() } });
    await recordAudit(tx, { projectId: input.projectId, actorId: input.userId, action: "label.annotate", targetType: "row", targetId: input.rowId, details: { batchId: batch.id, label: input.label } });
    const pending = await tx.reviewAssignment.count({ where: { batchId: batch.id, rowId: input.rowId, done: false } });
    if (pending > 0) return { consensus: null, complete: false };
    const labels = await tx.annotation.findMany({ where: { batchId: batch.id, rowId: input.rowId }, select: { label: true } });
    const distinct = new Set(labels.map((l) => l.label));
    const adjudicated = await tx.adjudication.count({ where: { batchId: batch.id, rowId: input.rowId } });
    if (distinct.size !== 1 || adjudicated > 0) return { consensus: null, complete: true };
    await setReviewGold(tx, { projectId: input.projectId, rowId: input.rowId, label: input.label, actorId: input.userId, via: "consensus" });
    return { consensus: input.label, complete: true };
  });
}

/**
 * Rows of a batch whose reviewers gave different labels and that no one adjudicated yet, with
 * every reviewer's label (a batch holds at most 5000 rows, so this reads one batch's annotations).
 *
 * @example
 * const rows = await listDisagreements(prisma, projectId, batchId);
 */
export async function listDisagreements(db: Db, projectId: string, batchId: string, options: { includeDecided?: boolean } = {}) {
  const batch = await requireBatch(db, projectId, batchId);
  const [annotations, adjudications] = await Promise.all([
    db.annotation.findMany({ where: { batchId: batch.id }, select: { rowId: true, userId: true, label: true, comment: true } }),
    db.adjudication.findMany({ where: { batchId: batch.id }, select: { rowId: true, label: true, by: true } }),
  ]);
  const decided = new Map(adjudications.map((a) => [a.rowId, a]));
  const byRow = new Map<string, typeof annotations>();
  for (const a of annotations) byRow.set(a.rowId, [...(byRow.get(a.rowId) ?? []), a]);
  const conflicted = [...byRow.entries()].filter(([rowId, list]) => new Set(list.map((a) => a.label)).size > 1 && (options.includeDecided || !decided.has(rowId)));
  const rows = await db.row.findMany({ where: { id: { in: conflicted.map(([id]) => id) } }, select: { id: true, index: true, externalId: true, fields: true, split: true, gold: true, goldSource: true } });
  const rowById = new Map(rows.map((r) => [r.id, r]));
  return conflicted
    .map(([rowId, labels]) => ({ row: rowById.get(rowId)!, labels, adjudication: decided.get(rowId) ?? null }))
    .sort((a, b) => a.row.index - b.row.index);
}

/**
 * An editor's or owner's decision on a row of a batch: stored as an Adjudication and written as
 * the row's gold (REVIEW).
 *
 * @example
 * await adjudicate(prisma, { projectId, batchId, rowId, label: 0, by: actor.userId });
 */
export async function adjudicate(db: Db, input: { projectId: string; batchId: string; rowId: string; label: number; by: string }) {
  const batch = await requireBatch(db, input.projectId, input.batchId);
  return db.$transaction(async (tx) => {
    const assigned = await tx.reviewAssignment.count({ where: { batchId: batch.id, rowId: input.rowId } });
    if (assigned === 0) throw new ReviewError("NOT_FOUND", `row ${input.rowId} is not in batch "${batch.name}"`);
    await requireProjectRow(tx, input.projectId, input.rowId, input.label);
    const adjudication = await tx.adjudication.create({ data: { rowId: input.rowId, batchId: batch.id, label: input.label, by: input.by } });
    await setReviewGold(tx, { projectId: input.projectId, rowId: input.rowId, label: input.label, actorId: input.by, via: "adjudication" });
    return adjudication;
  });
}

/**
 * Agreement statistics of a batch from its annotations: percent agreement and Cohen's kappa per
 * reviewer pair (on the rows both labeled), Fleiss' kappa over all rows with 2+ labels (varying
 * raters per row allowed), and each reviewer's agreement with each program of the batch's run.
 *
 * @example
 * const stats = await batchAgreement(prisma, projectId, batchId);
 */
export async function batchAgreement(db: Db, projectId: string, batchId: string) {
  const batch = await requireBatch(db, projectId, batchId);
  const task = await db.task.findFirst({ where: { projectId }, orderBy: { createdAt: "desc" }, select: { classes: true } });
  const k = Array.isArray(task?.classes) ? task.classes.length : 0;
  const annotations = await db.annotation.findMany({ where: { batchId: batch.id }, select: { rowId: true, userId: true, label: true }, orderBy: { rowId: "asc" } });
  const rowIds = [...new Set(annotations.map((a) => a.rowId))];
  const reviewerIds = [...new Set((await db.reviewAssignment.findMany({ where: { batchId: batch.id }, select: { userId: true }, distinct: ["userId"] })).map((a) => a.userId))].sort();
  const users = await db.user.findMany({ where: { id: { in: reviewerIds } }, select: { id: true, email: true, name: true } });
  const reviewers = reviewerIds.map((id) => {
    const u = users.find((x) => x.id === id);
    return { id, label: u?.name || u?.email || id };
  });
  const rowPos = new Map(rowIds.map((id, i) => [id, i]));
  const labels = new Map(reviewerIds.map((id) => [id, new Int32Array(rowIds.length).fill(-1)]));
  const counts = new Int32Array(rowIds.length * Math.max(k, 1));
  for (const a of annotations) {
    if (a.label < 0 || a.label >= k) continue;
    labels.get(a.userId)?.set([a.label], rowPos.get(a.rowId)!);
    counts[rowPos.get(a.rowId)! * k + a.label]!++;
  }
  const pairs = [];
  for (let x = 0; x < reviewerIds.length; x++) {
    for (let y = x + 1; y < reviewerIds.length; y++) {
      const a = labels.get(reviewerIds[x]!)!;
      const b = labels.get(reviewerIds[y]!)!;
      const { agreement, items } = percentAgreement(a, b);
      pairs.push({ a: reviewers[x]!, b: reviewers[y]!, items, agreement, kappa: k ? cohenKappa(a, b, k).kappa : null });
    }
  }
  const fleiss = k ? fleissKappa(counts, rowIds.length, k) : null;
  let programs: { reviewer: (typeof reviewers)[number]; byProgram: { name: string; covered: number; agreement: number | null; kappa: number | null }[] }[] = [];
  const run = batch.runId ? await db.run.findUnique({ where: { id: batch.runId } }) : null;
  if (run && k && rowIds.length) {
    const dataset = await db.dataset.findUniqueOrThrow({ where: { id: batch.datasetId }, select: { id: true, chunkSize: true, rowCount: true } });
    const rows = await db.row.findMany({ where: { id: { in: rowIds } }, select: { id: true, index: true } });
    const indexById = new Map(rows.map((r) => [r.id, r.index]));
    const list = runPrograms(run);
    const values = await readVotesForRows(db, dataset, list.map((p) => p.codeHash), rowIds.map((id) => indexById.get(id)!));
    const L = { n: rowIds.length, m: list.length, values };
    programs = reviewers.map((reviewer) => ({
      reviewer,
      byProgram: raterProgramAgreement(labels.get(reviewer.id)!, L, k).map((p) => ({ name: list[p.program]!.name, covered: p.covered, agreement: p.agreement, kappa: p.kappa })),
    }));
  }
  return { batch, k, rows: rowIds.length, annotations: annotations.length, reviewers, pairs, fleiss, programs };
}
