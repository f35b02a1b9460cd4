import {
  assembleLabelMatrix,
  getProjectTask,
  pseudolabelStamp,
  readPseudolabels,
  readRows,
  readRunEntropy,
  reviewOrderState,
  runPrograms,
  saveReviewOrder,
  toDataRow,
  toTaskSpec,
  type Db,
} from "@alchemist/db";
import { parseRunSettings, programInput, type DataRow, type ReviewOrder } from "@alchemist/engine";
import type { ReviewOrderPayload } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import { reviewOrderOffThread, type ReviewOrderInput } from "./review-order-off-thread";
import { assertJobActor } from "../assert-job-actor";

export interface ReviewOrderJobResult extends Record<string, unknown> {
  readonly runId: string;
  /** The order stored ("uncertainty" and "likely-errors" become "conflict" while the run has no pseudolabels). */
  readonly kind: "conflict" | "uncertainty" | "likely-errors";
  readonly rows: number;
  readonly scored: number;
  /** True when the stored order already matched the run's inputs (nothing recomputed). */
  readonly upToDate: boolean;
}

/**
 * The `review-order` job: a run's rows in review order, stored for the review page and team
 * batches. "conflict" scores the stored votes of the run's programs, "uncertainty" the entropy of
 * its pseudolabels, "likely-errors" the engine's label-error audit (dev gold and train pseudolabels
 * against out-of-fold distilled-model probabilities and the votes); the last two are stamped with
 * the pseudolabel write they used, so a refit makes them stale. The work runs off the event loop.
 * An order already current is left as it is.
 *
 * @example
 * const result = await reviewOrderService(prisma, payload, report);
 */
export async function reviewOrderService(
  db: Db,
  payload: ReviewOrderPayload,
  report: ReportProgress,
  compute: (input: ReviewOrderInput) => Promise<ReviewOrder> = reviewOrderOffThread,
): Promise<ReviewOrderJobResult> {
  await assertJobActor(db, payload, "read");
  const run = await db.run.findUnique({
    where: { id: payload.runId },
    select: { id: true, projectId: true, programs: true, settings: true, dataset: { select: { id: true, chunkSize: true, rowCount: true } } },
  });
  if (!run || run.projectId !== payload.projectId) throw new Error(`run ${payload.runId} is not in project ${payload.projectId}`);
  const state = await reviewOrderState(db, run.id, payload.kind);
  const base = { runId: run.id, kind: state.kind, rows: run.dataset.rowCount };
  if (state.fresh) return { ...base, scored: state.stored!.scored, upToDate: true };
  if (state.kind === "conflict") {
    await report(10, "reading the programs' stored votes");
    const { L } = await assembleLabelMatrix(
      db,
      run.dataset,
      runPrograms(run).map((p) => p.codeHash),
    );
    await report(60, "ordering rows by conflict");
    const order = await compute({ kind: "conflict", L });
    await saveReviewOrder(db, { runId: run.id, kind: "conflict", order, pseudolabelsAt: null });
    return { ...base, scored: order.scored, upToDate: false };
  }
  if (state.kind === "likely-errors") {
    await report(5, "reading the rows, the programs' votes and the pseudolabels");
    const stamp = await pseudolabelStamp(db, run.id);
    const task = toTaskSpec(await getProjectTask(db, run.projectId));
    const rows: DataRow[] = [];
    for (let start = 0; start < run.dataset.rowCount; start += 5000)
      rows.push(...(await readRows(db, run.dataset.id, start, Math.min(start + 5000, run.dataset.rowCount))).map(toDataRow));
    const { L } = await assembleLabelMatrix(
      db,
      run.dataset,
      runPrograms(run).map((p) => p.codeHash),
    );
    const { k, probs } = await readPseudolabels(db, run.id);
    if (!stamp || (await pseudolabelStamp(db, run.id))?.getTime() !== stamp.getTime())
      throw new Error(`run ${run.id}'s pseudolabels changed while its likely-errors order was computed; it is queued again after the refit`);
    await report(20, "auditing the labels: 5 out-of-fold distilled models against the pseudolabels, dev gold and votes");
    const order = await compute({
      kind: "likely-errors",
      inputs: rows.map((r) => programInput(r, task.input)),
      splits: rows.map((r) => r.split),
      gold: rows.map((r) => r.gold ?? null),
      L,
      pseudolabels: { k, values: probs },
      seed: parseRunSettings(run.settings).seed,
      epochs: 30,
    });
    await saveReviewOrder(db, { runId: run.id, kind: "likely-errors", order, pseudolabelsAt: stamp });
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
