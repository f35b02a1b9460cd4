import { readImageScoring, type ImageScoring } from "@alchemist/engine";
import { scoreImageDataset, type ClipModel } from "@alchemist/engine/node";
import { DomainError, readDatasetEmbeddings, recordAudit, replaceImageScores, type Db } from "@alchemist/db";
import type { RescoreImagesPayload } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import { assertJobActor } from "../assert-job-actor";
import { memoTextEmbeddings } from "./memo-text-embeddings";

/**
 * Scores an image dataset on a new concept list: the stored CLIP embeddings (never the pictures:
 * nothing is embedded again) against the concepts' text embeddings (`scoreImageDataset`), then
 * every row's `fields.scores`, the dataset's scoring and the end of its stale votes in one
 * transaction. The worker's CLIP model must be the one that embedded the pictures. Concept prompts
 * already embedded by this process's model are not embedded again (`memoTextEmbeddings`).
 *
 * @example
 * await rescoreImagesService(prisma, payload, { clip, report });
 */
export async function rescoreImagesService(
  db: Db,
  payload: RescoreImagesPayload,
  o: { clip: ClipModel; report: ReportProgress },
): Promise<{ datasetId: string; rows: number; concepts: number }> {
  await assertJobActor(db, payload, "edit");
  const dataset = await db.dataset.findUnique({ where: { id: payload.datasetId } });
  if (!dataset || dataset.projectId !== payload.projectId)
    throw new DomainError("NOT_FOUND", `dataset ${payload.datasetId} is not in project ${payload.projectId}`);
  const scoring = readImageScoring(dataset);
  if (scoring.clipModelKey !== o.clip.key) {
    throw new DomainError(
      "CONFLICT",
      `dataset "${dataset.name}" was embedded with another CLIP model (${scoring.clipModelKey.slice(0, 12)}) than the worker's CLIP_MODEL_DIR (${o.clip.key.slice(0, 12)}): point CLIP_MODEL_DIR at that model, or upload the pictures again`,
    );
  }
  await o.report(10, `reading ${dataset.rowCount} stored embeddings`);
  const embeddings = await readDatasetEmbeddings(db, dataset.id, scoring.dim);
  await o.report(40, `scoring ${embeddings.rows} pictures on ${payload.concepts.length} concepts`);
  // Only the scores are needed: placeholder rows carry them out of the engine's scoring.
  const rows = Array.from({ length: embeddings.rows }, (_, i) => ({ id: String(i), fields: {}, split: "train" as const }));
  const scored = await scoreImageDataset({ name: dataset.name, rows }, embeddings, {
    clip: memoTextEmbeddings(o.clip),
    concepts: payload.concepts,
    template: scoring.template,
    insights: payload.insights ?? null,
  });
  const insights = scored.insights ? { harmful: scored.insights.harmful.map((e) => [...e]), helpful: scored.insights.helpful.map((e) => [...e]) } : null;
  const next: ImageScoring = { ...scoring, concepts: [...payload.concepts], insights, scoredAt: new Date().toISOString() };
  await o.report(70, `writing ${embeddings.rows} score records`);
  await replaceImageScores(
    db,
    dataset.id,
    next,
    scored.dataset.rows.map((row) => row.fields.scores as Record<string, number>),
  );
  await recordAudit(db, {
    projectId: payload.projectId,
    actorId: payload.actorId,
    action: "dataset.rescore",
    targetType: "dataset",
    targetId: dataset.id,
    details: { from: scoring.concepts, to: payload.concepts, insights },
  });
  return { datasetId: dataset.id, rows: embeddings.rows, concepts: payload.concepts.length };
}
