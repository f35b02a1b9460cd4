import "server-only";
import { getPrisma, hasPseudolabels, listTrainedModels } from "@alchemist/db";
import { chosenLabelModelScores, type LabelModelScoresView } from "@/features/runs/client";
import { readRunNames } from "@/features/runs";
import { toTrainedModelView, type TrainedModelView } from "../model-view";

export interface TrainRunOption {
  readonly id: string;
  readonly createdAt: string;
  readonly labelModel: string | null;
  /** "Run 4 · 2 programs edited". */
  readonly name: string;
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
  /** "Model 3 · from Run 4", by model id. */
  readonly modelNames: Readonly<Record<string, string>>;
  /** The run's chosen label model with its test scores (compared with the distilled model). */
  readonly labelModelScores: LabelModelScoresView | null;
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
  const [rows, names] = await Promise.all([
    db.run.findMany({
      where: { projectId, status: "SUCCEEDED" },
      orderBy: { createdAt: "desc" },
      take: 50,
      select: { id: true, createdAt: true, labelModel: true },
    }),
    readRunNames(projectId),
  ]);
  const runs = rows.map((r) => ({ id: r.id, createdAt: r.createdAt.toISOString(), labelModel: r.labelModel, name: names.runs.get(r.id) ?? "Run" }));
  const run = runs.find((r) => r.id === options.runId) ?? runs[0] ?? null;
  if (!run) return { runs, run: null, hasPseudolabels: false, models: [], model: null, modelNames: {}, labelModelScores: null };
  const [models, fitted, metrics] = await Promise.all([
    listTrainedModels(db, projectId, { runId: run.id, take: 20 }),
    hasPseudolabels(db, run.id),
    db.run.findUnique({ where: { id: run.id }, select: { metrics: true } }),
  ]);
  const views = models.map(toTrainedModelView);
  return {
    runs,
    run,
    hasPseudolabels: fitted,
    models: views,
    model: views.find((m) => m.id === options.modelId) ?? views[0] ?? null,
    modelNames: Object.fromEntries(views.map((m) => [m.id, names.models.get(m.id) ?? "Model"])),
    labelModelScores: chosenLabelModelScores(metrics?.metrics ?? null),
  };
}
