import type { ReviewOrder as ComputedOrder } from "@alchemist/engine";
import type { Db } from "../client";

/**
 * Stored review orders: the `review-order` job computes a run's rows in review order and stores
 * them here (Int32 little-endian bytes, uncompressed); pages read only the slice they walk. An
 * "uncertainty" order remembers the pseudolabel write it was computed from, so a refit makes it
 * stale (pages keep showing it while the job recomputes it).
 */

export type ReviewOrderKind = "conflict" | "uncertainty" | "likely-errors";

/** Orders computed from the pseudolabels: stamped with the write they used, stale after a refit. */
const FROM_PSEUDOLABELS: ReadonlySet<ReviewOrderKind> = new Set(["uncertainty", "likely-errors"]);

/**
 * The newest pseudolabel write of a run (every refit replaces all of a run's pseudolabel chunks,
 * so this changes with each fit), or null when the run has none: the version stamp of anything
 * derived from the pseudolabels (uncertainty orders, run diffs).
 *
 * @example
 * const stamp = await pseudolabelStamp(prisma, runId); // Date | null
 */
export async function pseudolabelStamp(db: Db, runId: string): Promise<Date | null> {
  const newest = await db.pseudolabel.findFirst({ where: { runId }, orderBy: { createdAt: "desc" }, select: { createdAt: true } });
  return newest?.createdAt ?? null;
}

/** A stored order the review queue can walk. */
export interface StoredReviewOrder {
  readonly id: string;
  readonly kind: ReviewOrderKind;
  readonly scored: number;
  /** Row indices stored (the dataset's row count). */
  readonly length: number;
  readonly pseudolabelsAt: Date | null;
}

export interface ReviewOrderState {
  /** The order that applies: "uncertainty" and "likely-errors" fall back to "conflict" until the run has pseudolabels. */
  readonly kind: ReviewOrderKind;
  readonly fallback: boolean;
  /** The pseudolabel write an "uncertainty" or "likely-errors" order must be computed from (null for "conflict"). */
  readonly stamp: Date | null;
  /** The stored order of that kind, fresh or stale; null when none was computed yet. */
  readonly stored: StoredReviewOrder | null;
  /** Whether `stored` matches the run's current inputs; otherwise a review-order job is due. */
  readonly fresh: boolean;
}

/**
 * Which order of a run applies for `wanted` and how its stored copy stands: fresh, stale (the
 * pseudolabels were refitted since) or missing. Reads two small rows, never the order itself.
 *
 * @example
 * const state = await reviewOrderState(prisma, runId, "uncertainty");
 * if (!state.fresh) await queueReviewOrderJob(runId, state.kind, state.stamp);
 */
export async function reviewOrderState(db: Db, runId: string, wanted: ReviewOrderKind): Promise<ReviewOrderState> {
  const stamp = FROM_PSEUDOLABELS.has(wanted) ? await pseudolabelStamp(db, runId) : null;
  const kind: ReviewOrderKind = FROM_PSEUDOLABELS.has(wanted) && stamp === null ? "conflict" : wanted;
  const [row] = await db.$queryRaw<{ id: string; scored: number; pseudolabelsAt: Date | null; bytes: number }[]>`
    SELECT "id", "scored", "pseudolabelsAt", octet_length("rowIndices") AS bytes FROM "ReviewOrder" WHERE "runId" = ${runId} AND "kind" = ${kind}`;
  const stored = row ? { id: row.id, kind, scored: row.scored, length: Number(row.bytes) / 4, pseudolabelsAt: row.pseudolabelsAt } : null;
  const fresh = !!stored && (kind === "conflict" || stored.pseudolabelsAt?.getTime() === stamp?.getTime());
  return { kind, fallback: kind !== wanted, stamp, stored, fresh };
}

/**
 * Positions `from` (inclusive) to `to` (exclusive) of a stored order, read as a byte slice in
 * Postgres: a page walks a few hundred positions whatever the dataset size.
 *
 * @example
 * const first = await readReviewOrderSlice(prisma, order.id, 0, 500); // Int32Array of row indices
 */
export async function readReviewOrderSlice(db: Db, orderId: string, from: number, to: number): Promise<Int32Array> {
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to < from) throw new Error(`review order slice ${from}..${to} is not a valid range`);
  if (to === from) return new Int32Array(0);
  const [row] = await db.$queryRaw<
    { slice: Uint8Array }[]
  >`SELECT substring("rowIndices" FROM ${from * 4 + 1}::int FOR ${(to - from) * 4}::int) AS slice FROM "ReviewOrder" WHERE "id" = ${orderId}`;
  if (!row) throw new Error(`review order ${orderId} no longer exists`);
  // Copy: the driver's Buffer may start at an offset that is not 4-aligned.
  const copy = new Uint8Array(row.slice.byteLength);
  copy.set(row.slice);
  return new Int32Array(copy.buffer);
}

/**
 * Every position of a stored order (for tests and small datasets; pages read slices).
 *
 * @example
 * const indices = await readReviewOrder(prisma, order.id);
 */
export async function readReviewOrder(db: Db, orderId: string): Promise<Int32Array> {
  const row = await db.reviewOrder.findUniqueOrThrow({ where: { id: orderId }, select: { rowIndices: true } });
  const copy = new Uint8Array(row.rowIndices.byteLength);
  copy.set(row.rowIndices);
  return new Int32Array(copy.buffer);
}

/**
 * Stores (or replaces) a run's order of one kind, with the pseudolabel write it was computed
 * from ("uncertainty"; null for "conflict").
 *
 * @example
 * await saveReviewOrder(prisma, { runId, kind: "conflict", order: conflictReviewOrder(L), pseudolabelsAt: null });
 */
export async function saveReviewOrder(
  db: Db,
  input: { runId: string; kind: ReviewOrderKind; order: ComputedOrder; pseudolabelsAt: Date | null },
): Promise<{ id: string }> {
  const { indices, scored } = input.order;
  if (FROM_PSEUDOLABELS.has(input.kind) && !input.pseudolabelsAt)
    throw new Error(`an ${input.kind} order of run ${input.runId} needs the pseudolabel write it was computed from`);
  const rowIndices = new Uint8Array(indices.buffer.slice(indices.byteOffset, indices.byteOffset + indices.byteLength) as ArrayBuffer);
  const data = { rowIndices, scored, pseudolabelsAt: input.pseudolabelsAt, createdAt: new Date() };
  return db.reviewOrder.upsert({
    where: { runId_kind: { runId: input.runId, kind: input.kind } },
    create: { runId: input.runId, kind: input.kind, ...data },
    update: data,
    select: { id: true },
  });
}

/**
 * The entropy of every row's pseudolabel (0 where a chunk is missing) and the write they come
 * from, read in one query so both belong to the same fit.
 *
 * @example
 * const { entropy, stamp } = await readRunEntropy(prisma, runId, dataset);
 */
export async function readRunEntropy(
  db: Db,
  runId: string,
  dataset: { chunkSize: number; rowCount: number },
): Promise<{ entropy: Float32Array; stamp: Date | null }> {
  const chunks = await db.pseudolabel.findMany({ where: { runId }, select: { chunkIndex: true, entropy: true, createdAt: true } });
  const entropy = new Float32Array(dataset.rowCount);
  let stamp: Date | null = null;
  for (const chunk of chunks) {
    const copy = new Uint8Array(chunk.entropy.byteLength);
    copy.set(chunk.entropy);
    const values = new Float32Array(copy.buffer);
    const base = chunk.chunkIndex * dataset.chunkSize;
    for (let r = 0; r < values.length && base + r < dataset.rowCount; r++) entropy[base + r] = values[r]!;
    if (!stamp || chunk.createdAt > stamp) stamp = chunk.createdAt;
  }
  return { entropy, stamp };
}
