import { buildRunAnalysis, lfAnalysis, voteCodeCount, voteCounts, type RunAnalysis, type TaskSpec } from "@alchemist/engine";
import { assembleLabelMatrix, readDevGold, setRunAnalysis, type Db, type RunProgram } from "@alchemist/db";
import { fitRunLabelModels } from "./fit-run-label-models";
import { fitRunMultiLabelModels } from "./fit-run-multi-label-models";

/**
 * Assembles the run's label matrix from stored votes, analyses it (empirical accuracy and the
 * per-program right / wrong counts from DEV gold only; pairwise overlap / conflict counts and
 * per-class votes for the analysis page) and stores the snapshot on the run, then fits and
 * compares the label models (`fitRunLabelModels`: the choice in `Run.labelModel`, the comparison,
 * learned accuracies and class balance in `Run.metrics`). Pages only ever read this snapshot.
 * A multi-label run is analysed as the CLI does it: its class-set votes (and DEV gold sets) read
 * as 2^k "classes", so overlap/conflict compare whole sets and dev accuracy is an exact set match;
 * its label models run one vs rest (`fitRunMultiLabelModels`).
 *
 * @example
 * const analysis = await analyseRun(prisma, { runId, dataset, task, programs });
 */
export async function analyseRun(
  db: Db,
  input: { runId: string; dataset: { id: string; chunkSize: number; rowCount: number }; task: TaskSpec; programs: readonly RunProgram[]; fit?: boolean },
): Promise<RunAnalysis> {
  const { dataset, programs } = input;
  const k = input.task.classes.length;
  const multiLabel = input.task.multiLabel === true;
  const codes = voteCodeCount(k, multiLabel);
  const { L, columns } = await assembleLabelMatrix(
    db,
    dataset,
    programs.map((p) => p.codeHash),
  );
  const gold = await readDevGold(db, dataset.id, dataset.rowCount);
  const lf = lfAnalysis(L, { k: codes, names: programs.map((p) => p.name), gold });
  const analysis = buildRunAnalysis(lf, programs, columns, voteCounts(L, { k: codes, gold }));
  await setRunAnalysis(db, input.runId, analysis);
  if (input.fit === false) return analysis;
  if (multiLabel) await fitRunMultiLabelModels(db, { runId: input.runId, datasetId: dataset.id, L, classNames: input.task.classes.map((c) => c.name) });
  else await fitRunLabelModels(db, { runId: input.runId, datasetId: dataset.id, L, k });
  return analysis;
}
