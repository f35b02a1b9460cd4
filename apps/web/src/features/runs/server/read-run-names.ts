import "server-only";
import { cache } from "react";
import { getPrisma, runPrograms } from "@alchemist/db";
import { modelName, runName } from "../run-name";

/** Human names of a project's runs and trained models, keyed by id. */
export interface RunNames {
  readonly runs: ReadonlyMap<string, string>;
  readonly models: ReadonlyMap<string, string>;
}

/**
 * Names every run ("Run 4 · 2 programs edited") and trained model ("Model 3 · from Run 4") of the
 * project, numbered in creation order. Reads the runs' frozen program lists (a few hundred bytes
 * each) and the models' ids, never rows; memoised per render, so a page and its pickers share it.
 *
 * @example
 * const names = await readRunNames(projectId);
 * names.runs.get(run.id); // "Run 2 · 1 program added"
 */
export const readRunNames = cache(async (projectId: string): Promise<RunNames> => {
  const db = getPrisma();
  const [runs, models] = await Promise.all([
    db.run.findMany({ where: { projectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, programs: true } }),
    db.trainedModel.findMany({ where: { projectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, runId: true } }),
  ]);
  const runNames = new Map<string, string>();
  let previous: ReturnType<typeof runPrograms> | null = null;
  for (const [index, run] of runs.entries()) {
    const programs = runPrograms(run);
    runNames.set(run.id, runName(index + 1, previous, programs));
    previous = programs;
  }
  const modelNames = new Map(models.map((model, index) => [model.id, modelName(index + 1, runNames.get(model.runId))]));
  return { runs: runNames, models: modelNames };
});
