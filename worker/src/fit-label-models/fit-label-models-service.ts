import { getDataset, getProjectTask, getRun, runPrograms, toTaskSpec, type Db } from "@alchemist/db";
import type { FitLabelModelsPayload } from "@alchemist/jobs";
import { analyseRun } from "../apply-programs/analyse-run";
import type { ReportProgress } from "../tracked-job";
import { assertJobActor } from "../assert-job-actor";

/**
 * "Refit label models" from the label-model page: re-analyses a finished run from its stored vote
 * chunks (so older snapshots gain the analysis page's counts) and refits and re-compares every
 * label model, replacing `Run.analysis`, `Run.labelModel` and `Run.metrics`. No program is re-run.
 *
 * @example
 * const result = await fitLabelModelsService(prisma, payload, report);
 */
export async function fitLabelModelsService(
  db: Db,
  payload: FitLabelModelsPayload,
  report: ReportProgress,
): Promise<{ runId: string; labelModel: string | null }> {
  await assertJobActor(db, payload, "edit");
  const run = await getRun(db, payload.runId);
  if (!run || run.projectId !== payload.projectId) throw new Error(`run ${payload.runId} is not in project ${payload.projectId}`);
  if (run.status !== "SUCCEEDED") throw new Error(`run ${run.id} is ${run.status}: only a finished run's stored votes can be refit`);
  const dataset = await getDataset(db, run.datasetId);
  if (!dataset) throw new Error(`dataset ${run.datasetId} of run ${run.id} no longer exists`);
  const task = toTaskSpec(await getProjectTask(db, run.projectId));
  await report(5, "analysing stored votes and fitting label models");
  await analyseRun(db, { runId: run.id, dataset, task, programs: runPrograms(run) });
  const after = await getRun(db, run.id);
  await report(100, "label models fitted");
  return { runId: run.id, labelModel: after?.labelModel ?? null };
}
