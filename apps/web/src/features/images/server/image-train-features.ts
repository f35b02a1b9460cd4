import "server-only";
import { getPrisma, getProjectRunSettings } from "@alchemist/db";
import { parseRunSettings, type ImageFeatureKind } from "@alchemist/engine";

/**
 * What the Train form offers first for a run: the project's image feature setting when the run's
 * dataset holds pictures, else null (a text run has no such choice).
 *
 * @example
 * const features = await imageTrainFeatures(projectId, run.id); // "embeddings" | "scores" | "both" | null
 */
export async function imageTrainFeatures(projectId: string, runId: string): Promise<ImageFeatureKind | null> {
  const db = getPrisma();
  const run = await db.run.findUnique({ where: { id: runId }, select: { projectId: true, dataset: { select: { kind: true } } } });
  if (!run || run.projectId !== projectId || run.dataset.kind !== "IMAGE") return null;
  return parseRunSettings(await getProjectRunSettings(db, projectId)).imageFeatures;
}
