import type { EmbeddingMatrix, ImageScoring } from "@alchemist/engine";
import type { Db } from "../client";

/** One picture of an image dataset as the import stores it. */
export interface StoredImage {
  readonly index: number;
  readonly sha256: string;
  readonly mime: string;
  readonly bytes: Uint8Array;
  readonly thumbnail: Uint8Array;
  /** The raw CLIP embedding. */
  readonly embedding: Float32Array;
}

const BATCH = 200;

function floatBytes(values: Float32Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength) as ArrayBuffer);
}

/**
 * Writes an image dataset's pictures (bytes, thumbnail, embedding), `BATCH` rows per INSERT; call
 * it inside the import's transaction (`createDatasetWithRows`'s `inTransaction`).
 *
 * @example
 * await storeDatasetImages(tx, datasetId, images);
 */
export async function storeDatasetImages(db: Db, datasetId: string, images: readonly StoredImage[]): Promise<void> {
  for (let from = 0; from < images.length; from += BATCH) {
    await db.datasetImage.createMany({
      data: images.slice(from, from + BATCH).map((image) => ({
        datasetId,
        index: image.index,
        sha256: image.sha256,
        mime: image.mime,
        bytes: new Uint8Array(image.bytes),
        thumbnail: new Uint8Array(image.thumbnail),
        embedding: floatBytes(image.embedding),
      })),
    });
  }
}

/**
 * Every picture's raw CLIP embedding in row order (the studio's embedding cache: re-scoring and
 * training never embed a picture again).
 *
 * @example
 * const embeddings = await readDatasetEmbeddings(prisma, dataset.id, scoring.dim);
 */
export async function readDatasetEmbeddings(db: Db, datasetId: string, dim: number): Promise<EmbeddingMatrix> {
  const rows = await db.datasetImage.findMany({ where: { datasetId }, orderBy: { index: "asc" }, select: { index: true, embedding: true } });
  const values = new Float32Array(rows.length * dim);
  rows.forEach((row, i) => {
    if (row.index !== i) throw new Error(`dataset ${datasetId}: picture ${i} is missing (found ${row.index})`);
    if (row.embedding.byteLength !== dim * 4)
      throw new Error(`dataset ${datasetId}: picture ${i}'s embedding has ${row.embedding.byteLength / 4} floats, expected ${dim}`);
    // A copy: Prisma's bytes may sit at an offset that is not 4-aligned.
    values.set(new Float32Array(new Uint8Array(row.embedding).buffer), i * dim);
  });
  return { rows: rows.length, cols: dim, values };
}

/**
 * One picture's bytes (the original or its thumbnail) and type, or null.
 *
 * @example
 * const image = await readDatasetImage(prisma, datasetId, 12, "thumbnail");
 */
export async function readDatasetImage(
  db: Db,
  datasetId: string,
  index: number,
  size: "thumbnail" | "full",
): Promise<{ mime: string; bytes: Uint8Array } | null> {
  const where = { datasetId_index: { datasetId, index } };
  if (size === "thumbnail") {
    const image = await db.datasetImage.findUnique({ where, select: { thumbnail: true } });
    return image ? { mime: "image/webp", bytes: image.thumbnail } : null;
  }
  return db.datasetImage.findUnique({ where, select: { mime: true, bytes: true } });
}

/**
 * Replaces every row's `fields.scores` with new `{concept: score}` records and the dataset's
 * scoring, in one transaction; the dataset's stored votes are deleted with them (programs voted
 * on the old scores, so the next apply runs them again).
 *
 * @example
 * await replaceImageScores(prisma, dataset.id, scoring, scores);
 */
export async function replaceImageScores(db: Db, datasetId: string, scoring: ImageScoring, scores: readonly Record<string, number>[]): Promise<void> {
  await db.$transaction(
    async (tx) => {
      const count = await tx.row.count({ where: { datasetId } });
      if (count !== scores.length) throw new Error(`dataset ${datasetId} has ${count} rows, got ${scores.length} score records`);
      for (let from = 0; from < scores.length; from += 5000) {
        const batch = JSON.stringify(scores.slice(from, from + 5000).map((s, offset) => ({ i: from + offset, s })));
        await tx.$executeRawUnsafe(
          `UPDATE "Row" AS r SET "fields" = jsonb_set(r."fields", '{scores}', t.s) FROM json_to_recordset($2::json) AS t(i int, s jsonb) WHERE r."datasetId" = $1 AND r."index" = t.i`,
          datasetId,
          batch,
        );
      }
      await tx.programOutput.deleteMany({ where: { datasetId } });
      await tx.dataset.update({ where: { id: datasetId }, data: { imageScoring: scoring } });
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}
