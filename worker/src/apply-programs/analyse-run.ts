import { lfAnalysis, type TaskSpec } from "@alchemist/engine";
import { assembleLabelMatrix, buildRunAnalysis, readDevGold, setRunAnalysis, type Db, type RunAnalysis, type RunProgram } from "@alchemist/db";
import { fitRunLabelModels } from "./fit-run-label-models";

/**
 * Assembles the run's label matrix from stored votes, analyses it (empirical accuracy from DEV
 * gold only) and stores the snapshot on the run, then fits and compares the label models
 * (`fitRunLabelModels`: the choice in `Run.labelModel`, the comparison in `Run.metrics`).
 *
 * @example
 * const analysis = await analyseRun(prisma, { runId, dataset, task, programs });
 */
export async function analyseRun(
  db: Db,
  input: { runId: string; dataset: { id: string; chunkSize: number; rowCount: number }; task: TaskSpec; programs: readonly RunProgram[] },
): Promise<RunAnalysis> {
  const { dataset, programs } = input;
  const { L, columns } = await assembleLabelMatrix(db, dataset, programs.map((p) => p.codeHash));
  const gold = await readDevGold(db, dataset.id, dataset.rowCount);
  const lf = lfAnalysis(L, { k: input.task.classes.length, names: programs.map((p) => p.name), gold });
  const analysis = buildRunAnalysis(lf, programs, columns);
  await setRunAnalysis(db, input.runId, analysis);
  await fitRunLabelModels(db, { runId: input.runId, datasetId: dataset.id, L, k: input.task.classes.length });
  return analysis;
}
