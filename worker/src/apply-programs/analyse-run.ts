import { lfAnalysis, type TaskSpec } from "@alchemist/engine";
import { assembleLabelMatrix, buildRunAnalysis, readDevGold, setRunAnalysis, type Db, type RunAnalysis, type RunProgram } from "@alchemist/db";

/**
 * Assembles the run's label matrix from stored votes, analyses it (empirical accuracy from DEV
 * gold only) and stores the snapshot on the run.
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
  return analysis;
}
