import "server-only";
import { getPrisma, latestTrainedModel } from "@alchemist/db";

/** The model "Label new data" uses when no file is uploaded: the project's newest trained one. */
export interface DefaultModel {
  readonly id: string;
  readonly runId: string;
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
  const model = await latestTrainedModel(getPrisma(), projectId);
  if (!model) return null;
  const f1 = (model.metrics as { f1?: unknown } | null)?.f1;
  return { id: model.id, runId: model.runId, createdAt: model.createdAt.toISOString(), testF1: typeof f1 === "number" ? f1 : null };
}
