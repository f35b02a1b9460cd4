import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ImageScoring } from "@alchemist/engine";
import { embedImageFiles, imageThumbnail, readImageDataset, scoreImageDataset, type ClipEmbeddingCache, type ClipModel } from "@alchemist/engine/node";
import { createDatasetWithRows, findDatasetBySourceUpload, storeDatasetImages, type Db, type StoredImage } from "@alchemist/db";
import type { ImportDatasetPayload } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import { memoTextEmbeddings } from "../images/memo-text-embeddings";

/** The concept prompt template of studio image datasets (the CLI's default). */
export const STUDIO_CONCEPT_TEMPLATE = "a photo of {}.";

/** Pictures held in memory at once (bytes and thumbnails) while thumbnailing and writing; embedding batches are the engine's. */
export const IMAGE_IMPORT_BATCH = 64;

/**
 * Imports an uploaded image zip: extracts it safely (the engine's image zip guards) into a private
 * temp folder, reads the optional path,label,split file (`readImageDataset`), embeds every picture
 * with the worker's CLIP model (`embedImageFiles`, cancellable between batches; pictures found in
 * the on-disk `cache` by their bytes' hash are not embedded again), scores the
 * embeddings on the payload's concepts (`scoreImageDataset`: rows hold `{concept: score}` in
 * `fields.scores`, the programs' input), then writes the dataset, its rows and every picture
 * (bytes, thumbnail, embedding) in one transaction. It streams: no step holds more than
 * `batchSize` pictures' bytes (thumbnails are made a batch at a time into the temp folder, and the
 * transaction reads and inserts them a batch at a time), only the embeddings and score records of
 * every row. Messages name the uploaded file, never a server path; the temp folder is always removed.
 *
 * @example
 * const dataset = await importImageDataset(db, payload, { path, clip, report });
 */
export async function importImageDataset(
  db: Db,
  payload: ImportDatasetPayload,
  o: { path: string; clip: ClipModel; report: ReportProgress; signal?: AbortSignal; cache?: ClipEmbeddingCache; batchSize?: number },
) {
  const batchSize = o.batchSize ?? IMAGE_IMPORT_BATCH;
  const temp = await mkdtemp(join(tmpdir(), "alchemist-images-"));
  const extracted = join(temp, "dataset");
  const thumbnails = join(temp, "thumbnails");
  const ours = (message: string) => message.split(o.path).join(payload.fileName).split(extracted).join(payload.fileName);
  try {
    await o.report(5, `extracting ${payload.fileName}`);
    const dataset = await readImageDataset(o.path, { classNames: payload.classNames, seed: payload.seed, extractTo: extracted });
    if (dataset.rows.length === 0) throw new Error(`${payload.fileName} has no pictures`);
    const total = dataset.rows.length;
    await o.report(10, `embedding ${total} pictures`);
    const { embeddings, hashes } = await embedImageFiles(o.clip, dataset.files, {
      ...(o.cache ? { cache: o.cache } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      onProgress: ({ done }) => void o.report(10 + (60 * done) / total, `embedded ${done} of ${total} pictures`).catch(() => undefined),
    });
    const concepts = payload.concepts!;
    await o.report(72, `scoring ${total} pictures on ${concepts.length} concepts`);
    const scored = await scoreImageDataset(dataset, embeddings, { clip: memoTextEmbeddings(o.clip), concepts, template: STUDIO_CONCEPT_TEMPLATE });
    await mkdir(thumbnails);
    const mimes: string[] = [];
    const batches = Array.from({ length: Math.ceil(total / batchSize) }, (_, b) => ({ from: b * batchSize, to: Math.min(total, (b + 1) * batchSize) }));
    const thumbnailFile = (index: number) => join(thumbnails, `${index}.webp`);
    for (const { from, to } of batches) {
      if (o.signal?.aborted) throw new Error("import cancelled");
      await Promise.all(
        dataset.files.slice(from, to).map(async (file, offset) => {
          const { thumbnail, mime } = await imageThumbnail(await readFile(file), dataset.rows[from + offset]!.id);
          mimes[from + offset] = mime;
          await writeFile(thumbnailFile(from + offset), thumbnail);
        }),
      );
      await o.report(72 + (8 * to) / total, `made ${to} of ${total} thumbnails`);
    }
    const storeImages = async (tx: Db, datasetId: string) => {
      for (const { from, to } of batches) {
        const images: StoredImage[] = await Promise.all(
          dataset.files.slice(from, to).map(async (file, offset) => {
            const index = from + offset;
            return {
              index,
              sha256: hashes[index]!,
              mime: mimes[index]!,
              bytes: await readFile(file),
              thumbnail: await readFile(thumbnailFile(index)),
              embedding: embeddings.values.subarray(index * embeddings.cols, (index + 1) * embeddings.cols),
            };
          }),
        );
        await storeDatasetImages(tx, datasetId, images);
        await o.report(80 + (19 * to) / total, `stored ${to} of ${total} pictures`);
      }
    };
    const { imageSize, resizeTo, mean, std } = o.clip.config;
    const imageScoring: ImageScoring = {
      clipModelKey: o.clip.key,
      dim: embeddings.cols,
      concepts: [...concepts],
      template: STUDIO_CONCEPT_TEMPLATE,
      preprocessing: { imageSize, resizeTo, mean: [...mean], std: [...std] },
      scoredAt: new Date().toISOString(),
    };
    await o.report(80, `writing ${total} rows and pictures`);
    try {
      return await createDatasetWithRows(db, {
        projectId: payload.projectId,
        name: payload.name,
        rows: scored.dataset.rows,
        classNames: payload.classNames,
        sourceUploadId: payload.uploadId,
        kind: "IMAGE",
        imageScoring,
        inTransaction: storeImages,
      });
    } catch (error) {
      // Another attempt of the same job committed first (unique sourceUploadId): that import stands.
      const winner = (error as { code?: string }).code === "P2002" ? await findDatasetBySourceUpload(db, payload.uploadId) : null;
      if (!winner) throw error;
      return winner;
    }
  } catch (error) {
    throw Object.assign(new Error(ours((error as Error).message)), { code: (error as { code?: string }).code });
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
