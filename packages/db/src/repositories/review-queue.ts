import type { Db } from "../client";
import { Prisma } from "../generated/prisma/client";
import type { Split } from "../generated/prisma/enums";
import { readReviewOrderSlice, reviewOrderState, type ReviewOrderKind, type StoredReviewOrder } from "./review-orders";
import { readReviewRows, type ReviewRowView } from "./review-rows";

/**
 * The solo review queue: rows still needing review, walked in a run's stored review order
 * (conflict or uncertainty, computed by the `review-order` job, see review-orders.ts).
 */

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
 * The project's newest dataset and its newest run whose votes are all stored and analysed (also
 * while that run is being re-analysed, e.g. after review gold changed); null without a dataset.
 *
 * @example
 * const target = await getReviewRun(prisma, projectId); // { dataset, run: Run | null } | null
 */
export async function getReviewRun(db: Db, projectId: string) {
  const dataset = await db.dataset.findFirst({
    where: { projectId },
    orderBy: { createdAt: "desc" },
    select: { id: true, chunkSize: true, rowCount: true, name: true },
  });
  if (!dataset) return null;
  // Only the columns the queue uses: the run's analysis/metrics blobs are not read per page view.
  const run = await db.run.findFirst({
    where: { projectId, datasetId: dataset.id, analysis: { not: Prisma.DbNull } },
    orderBy: { createdAt: "desc" },
    select: { id: true, datasetId: true, programs: true, status: true },
  });
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
export async function readReviewQueue(
  db: Db,
  input: { projectId: string; kind: ReviewOrderKind; split?: Split | undefined; withoutGold?: boolean | undefined; cursor: number; limit: number },
) {
  const target = await getReviewRun(db, input.projectId);
  const none = {
    rows: [] as ReviewRowView[],
    nextCursor: null,
    kind: input.kind,
    fallback: false,
    scored: 0,
    total: target?.dataset.rowCount ?? 0,
    stale: false,
    due: null,
  };
  if (!target?.run) return { status: "no-run" as const, ...none };
  const { run, dataset } = target;
  const state = await reviewOrderState(db, run.id, input.kind);
  const due = state.fresh ? null : { kind: state.kind, stamp: state.stamp };
  const base = { runId: run.id, datasetId: dataset.id, kind: state.kind, fallback: state.fallback, total: dataset.rowCount, due };
  if (!state.stored) return { status: "computing" as const, ...none, ...base };
  const { picked, nextCursor } = await pickFromOrder(
    db,
    storedOrder(db, state.stored),
    { datasetId: dataset.id, split: input.split, withoutGold: input.withoutGold },
    input.cursor,
    input.limit,
  );
  const rows = await readReviewRows(db, run, dataset, picked, { hideModel: false });
  return { status: "ok" as const, ...base, rows, nextCursor, scored: state.stored.scored, stale: !state.fresh };
}
