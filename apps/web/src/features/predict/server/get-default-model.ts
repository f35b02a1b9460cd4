import "server-only";
import { getPrisma, latestTrainedModel } from "@alchemist/db";
import { readRunNames } from "@/features/runs";

/** The model "Label new data" uses when no file is uploaded: the project's newest trained one. */
export interface DefaultModel {
  readonly id: string;
  readonly runId: string;
  /** Its human name ("Model 3 · from Run 4, epochs 30 → 50"). */
  readonly name: string;
  readonly createdAt: string;
  readonly testF1: number | null;
}

/**
 * The project's newest SUCCEEDED trained model (no bytes), or null.
 *
 * @example
 * const model = await getDefaultModel(projectId);
 */
export async function getDefaultModel(projectId: string): Promise<DefaultModel | null> {
  const [model, names] = await Promise.all([latestTrainedModel(getPrisma(), projectId), readRunNames(projectId)]);
  if (!model) return null;
  const f1 = (model.metrics as { f1?: unknown } | null)?.f1;
  return {
    id: model.id,
    runId: model.runId,
    name: names.models.get(model.id) ?? "Model",
    createdAt: model.createdAt.toISOString(),
    testF1: typeof f1 === "number" ? f1 : null,
  };
}
