import "server-only";
import { cache } from "react";
import { getPrisma, readRunDataStamp, runPrograms, type Db } from "@alchemist/db";
import { createStampedCache } from "@/lib/stamped-cache";
import { modelName, runName, type RunNameInput } from "../run-name";

/** Human names of a project's runs and trained models, keyed by id. */
export interface RunNames {
  readonly runs: ReadonlyMap<string, string>;
  readonly models: ReadonlyMap<string, string>;
}

const namesByProject = createStampedCache<RunNames>(200);

/**
 * Names every run ("Run 4 · 2 programs edited, seed 0 → 7") and trained model ("Model 3 · from
 * Run 4, epochs 30 → 50") of the project, numbered in creation order, each saying what changed
 * since the one before (`runName` / `modelName`). Reads the runs' frozen program lists and
 * settings copies and the models' configs (a few hundred bytes each), never rows; memoised per
 * render, so a page and its pickers share it, and kept per project across requests under the
 * project's run-data stamp (read first: one cheap query instead of three, and a run, model or
 * dataset written anywhere is named on the next request).
 *
 * @example
 * const names = await readRunNames(projectId);
 * names.runs.get(run.id); // "Run 2 · 1 program added"
 */
export const readRunNames = cache(async (projectId: string): Promise<RunNames> => {
  const db = getPrisma();
  const { stamp } = await readRunDataStamp(db, projectId);
  return namesByProject.get(projectId, stamp, () => loadRunNames(db, projectId));
});

/**
 * readRunNames on a given client, without the per-render memo (the project page keeps the result
 * across requests while its run-data stamp holds).
 *
 * @example
 * const names = await loadRunNames(prisma, projectId);
 */
export async function loadRunNames(db: Db, projectId: string): Promise<RunNames> {
  const [runs, models] = await Promise.all([
    db.run.findMany({
      where: { projectId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, programs: true, settings: true, dataset: { select: { id: true, name: true } } },
    }),
    db.trainedModel.findMany({ where: { projectId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, runId: true, config: true } }),
  ]);
  const runNames = new Map<string, string>();
  let previous: RunNameInput | null = null;
  for (const [index, run] of runs.entries()) {
    const current: RunNameInput = { programs: runPrograms(run), settings: run.settings, dataset: run.dataset };
    runNames.set(run.id, runName(index + 1, previous, current));
    previous = current;
  }
  const modelNames = new Map(
    models.map((model, index) => [model.id, modelName(index + 1, runNames.get(model.runId), model, index > 0 ? models[index - 1] : null)]),
  );
  return { runs: runNames, models: modelNames };
}
