import "server-only";
import { getPrisma, readDatasetImage } from "@alchemist/db";
import { readImageScoring } from "@alchemist/engine";
import { AppError } from "@/lib/app-error";

/**
 * The project's newest image dataset with the concepts it was scored on, or null (text projects).
 *
 * @example
 * const images = await getProjectImageDataset(projectId); // { id, name, rowCount, concepts: ["a round circle", ...] }
 */
export async function getProjectImageDataset(projectId: string) {
  const dataset = await getPrisma().dataset.findFirst({ where: { projectId, kind: "IMAGE" }, orderBy: { createdAt: "desc" } });
  if (!dataset) return null;
  const scoring = readImageScoring(dataset);
  return {
    id: dataset.id,
    name: dataset.name,
    rowCount: dataset.rowCount,
    concepts: scoring.concepts,
    insights: scoring.insights ?? null,
    scoredAt: scoring.scoredAt,
  };
}

/**
 * One picture of one of the project's image datasets (its thumbnail or original bytes); NOT_FOUND
 * when the dataset is another project's or the row has no picture.
 *
 * @example
 * const { mime, bytes } = await openDatasetImage(projectId, datasetId, 3, "thumbnail");
 */
export async function openDatasetImage(projectId: string, datasetId: string, index: number, size: "thumbnail" | "full") {
  const db = getPrisma();
  const dataset = await db.dataset.findUnique({ where: { id: datasetId }, select: { projectId: true } });
  if (!dataset || dataset.projectId !== projectId) throw new AppError("NOT_FOUND", `dataset ${datasetId} is not in this project`);
  const image = await readDatasetImage(db, datasetId, index, size);
  if (!image) throw new AppError("NOT_FOUND", `dataset ${datasetId} has no picture ${index}`);
  return image;
}

/**
 * The image dataset a row of this project belongs to, or null (a text row, or another project's).
 *
 * @example
 * const datasetId = await imageDatasetOfRow(projectId, items[0].rowId);
 */
export async function imageDatasetOfRow(projectId: string, rowId: string): Promise<string | null> {
  const row = await getPrisma().row.findUnique({ where: { id: rowId }, select: { dataset: { select: { id: true, kind: true, projectId: true } } } });
  return row && row.dataset.kind === "IMAGE" && row.dataset.projectId === projectId ? row.dataset.id : null;
}
