import "server-only";
import { getPrisma, hasPseudolabels, listTrainedModels } from "@alchemist/db";
import { toTrainedModelView, type TrainedModelView } from "../model-view";

export interface TrainRunOption {
  readonly id: string;
  readonly createdAt: string;
  readonly labelModel: string | null;
}

export interface TrainPageData {
  readonly runs: TrainRunOption[];
  readonly run: TrainRunOption | null;
  /** Whether the run's label model has been fitted (otherwise training fits it first). */
  readonly hasPseudolabels: boolean;
  /** The run's models, newest first (20 at most). */
  readonly models: TrainedModelView[];
  /** The model the page focuses on: `modelId` when given and in the run, else the newest. */
  readonly model: TrainedModelView | null;
}

/**
 * The Train page's data: the project's finished runs (newest 50), the chosen run's trained models
 * and the focused one; reads no rows.
 *
 * @example
 * const data = await getTrainPage(projectId, { runId, modelId });
 */
export async function getTrainPage(projectId: string, options: { runId?: string | undefined; modelId?: string | undefined }): Promise<TrainPageData> {
  const db = getPrisma();
  const rows = await db.run.findMany({ where: { projectId, status: "SUCCEEDED" }, orderBy: { createdAt: "desc" }, take: 50, select: { id: true, createdAt: true, labelModel: true } });
  const runs = rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), labelModel: r.labelModel }));
  const run = runs.find((r) => r.id === options.runId) ?? runs[0] ?? null;
  if (!run) return { runs, run: null, hasPseudolabels: false, models: [], model: null };
  const [models, fitted] = await Promise.all([listTrainedModels(db, projectId, { runId: run.id, take: 20 }), hasPseudolabels(db, run.id)]);
  const views = models.map(toTrainedModelView);
  return { runs, run, hasPseudolabels: fitted, models: views, model: views.find((m) => m.id === options.modelId) ?? views[0] ?? null };
}
