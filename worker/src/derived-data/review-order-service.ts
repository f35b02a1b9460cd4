import { assembleLabelMatrix, readRunEntropy, reviewOrderState, runPrograms, saveReviewOrder, type Db } from "@alchemist/db";
import type { ReviewOrder } from "@alchemist/engine";
import type { ReviewOrderPayload } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import { reviewOrderOffThread, type ReviewOrderInput } from "./review-order-off-thread";
import { assertJobActor } from "../assert-job-actor";

export interface ReviewOrderJobResult extends Record<string, unknown> {
  readonly runId: string;
  /** The order stored ("uncertainty" becomes "conflict" while the run has no pseudolabels). */
  readonly kind: "conflict" | "uncertainty";
  readonly rows: number;
  readonly scored: number;
  /** True when the stored order already matched the run's inputs (nothing recomputed). */
  readonly upToDate: boolean;
}

/**
 * The `review-order` job: a run's rows in review order, stored for the review page and team
 * batches. "conflict" scores the stored votes of the run's programs, "uncertainty" the entropy of
 * its pseudolabels (stamped with the pseudolabel write it used, so a refit makes it stale). The
 * sort runs off the event loop. An order already current is left as it is.
 *
 * @example
 * const result = await reviewOrderService(prisma, payload, report);
 */
export async function reviewOrderService(db: Db, payload: ReviewOrderPayload, report: ReportProgress, compute: (input: ReviewOrderInput) => Promise<ReviewOrder> = reviewOrderOffThread): Promise<ReviewOrderJobResult> {
  await assertJobActor(db, payload, "read");
  const run = await db.run.findUnique({ where: { id: payload.runId }, select: { id: true, projectId: true, programs: true, dataset: { select: { id: true, chunkSize: true, rowCount: true } } } });
  if (!run || run.projectId !== payload.projectId) throw new Error(`run ${payload.runId} is not in project ${payload.projectId}`);
  const state = await reviewOrderState(db, run.id, payload.kind);
  const base = { runId: run.id, kind: state.kind, rows: run.dataset.rowCount };
  if (state.fresh) return { ...base, scored: state.stored!.scored, upToDate: true };
  if (state.kind === "conflict") {
    await report(10, "reading the programs' stored votes");
    const { L } = await assembleLabelMatrix(db, run.dataset, runPrograms(run).map((p) => p.codeHash));
    await report(60, "ordering rows by conflict");
    const order = await compute({ kind: "conflict", L });
    await saveReviewOrder(db, { runId: run.id, kind: "conflict", order, pseudolabelsAt: null });
    return { ...base, scored: order.scored, upToDate: false };
  }
  await report(10, "reading the pseudolabels' entropy");
  const { entropy, stamp } = await readRunEntropy(db, run.id, run.dataset);
  if (!stamp) throw new Error(`run ${run.id} lost its pseudolabels while its uncertainty order was computed`);
  await report(60, "ordering rows by uncertainty");
  const order = await compute({ kind: "uncertainty", entropy });
  await saveReviewOrder(db, { runId: run.id, kind: "uncertainty", order, pseudolabelsAt: stamp });
  return { ...base, scored: order.scored, upToDate: false };
}
