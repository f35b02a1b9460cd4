import type { DataRow } from "@alchemist/engine";
import type { Db } from "../client";
import { toDbSplit, toDataRow } from "../mappers";

const BATCH = 5000;

/** How rows reach Postgres: `recordset` (one multi-row INSERT per batch from a JSON array of records) or Prisma's `createMany` (the old path, kept as the benchmark baseline). */
export type RowInsertMethod = "recordset" | "createMany";

/**
 * Creates a dataset and its rows in one transaction (nothing half-written on failure).
 * Rows are inserted in batches of 5,000 as one `INSERT ... SELECT FROM json_to_recordset` each
 * (~10x `createMany`); `index` is the position in `rows`. With `sourceUploadId`, the dataset
 * records the upload it came from (unique), so a retried import can find it instead of
 * importing twice.
 *
 * @example
 * const dataset = await createDatasetWithRows(prisma, { projectId, name: "sms", rows });
 */
export async function createDatasetWithRows(
  db: Db,
  input: {
    projectId: string;
    name: string;
    rows: readonly DataRow[];
    chunkSize?: number;
    batchSize?: number;
    /** Class names the gold labels were mapped with, stored on the dataset. */
    classNames?: readonly string[];
    sourceUploadId?: string;
    method?: RowInsertMethod;
    /** Called after each inserted batch with the rows written so far (inside the transaction). */
    onProgress?: (inserted: number) => Promise<void> | void;
    /** An image dataset: its kind and scoring are stored, and `inTransaction` writes its pictures in the same transaction. */
    kind?: "TEXT" | "IMAGE";
    imageScoring?: object;
    inTransaction?: (tx: Db, datasetId: string) => Promise<void>;
  },
) {
  const chunkSize = input.chunkSize ?? 1000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 100_000) throw new Error(`chunkSize must be 1..100000, got ${chunkSize}`);
  return db.$transaction(
    async (tx) => {
      const classNames = input.classNames ? { classNames: [...input.classNames] } : {};
      const source = input.sourceUploadId ? { sourceUploadId: input.sourceUploadId } : {};
      const image = input.kind ? { kind: input.kind, ...(input.imageScoring ? { imageScoring: input.imageScoring } : {}) } : {};
      const dataset = await tx.dataset.create({ data: { projectId: input.projectId, name: input.name, chunkSize, ...classNames, ...source, ...image } });
      await insertRowBatches(tx as unknown as Db, dataset.id, input.rows, 0, input.batchSize ?? BATCH, input.onProgress, input.method);
      await input.inTransaction?.(tx as unknown as Db, dataset.id);
      return tx.dataset.update({ where: { id: dataset.id }, data: { rowCount: input.rows.length } });
    },
    { timeout: 600_000, maxWait: 30_000 },
  );
}

/** The dataset imported from an upload, or null (see `createDatasetWithRows`'s `sourceUploadId`). */
export async function findDatasetBySourceUpload(db: Db, sourceUploadId: string) {
  return db.dataset.findUnique({ where: { sourceUploadId } });
}

async function insertRowBatches(
  db: Db,
  datasetId: string,
  rows: readonly DataRow[],
  start: number,
  batchSize: number,
  onProgress?: (inserted: number) => Promise<void> | void,
  method: RowInsertMethod = "recordset",
): Promise<void> {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error(`batchSize must be a positive integer, got ${batchSize}`);
  if (method === "createMany") {
    for (let from = 0; from < rows.length; from += batchSize) {
      const batch = rows.slice(from, from + batchSize);
      await db.row.createMany({
        data: batch.map((row, offset) => ({
          datasetId,
          index: start + from + offset,
          externalId: row.id,
          fields: row.fields as object,
          split: toDbSplit(row.split),
          gold: row.gold ?? null,
        })),
      });
      await onProgress?.(from + batch.length);
    }
    return;
  }
  // One JSON text per batch: V8 stringifies it natively and Postgres splits it in C, where
  // text[] parameters would be escaped element by element in JavaScript by the driver.
  const json = (from: number) =>
    JSON.stringify(
      rows
        .slice(from, from + batchSize)
        .map((row, offset) => ({ i: start + from + offset, e: row.id, f: row.fields, s: toDbSplit(row.split), g: row.gold ?? null })),
    );
  let next = rows.length > 0 ? json(0) : "";
  for (let from = 0; from < rows.length; from += batchSize) {
    const written = db
      .$executeRawUnsafe(
        `INSERT INTO "Row" ("id", "datasetId", "index", "externalId", "fields", "split", "gold")
       SELECT gen_random_uuid()::text, $1, t.i, t.e, t.f, t.s::"Split", t.g
       FROM json_to_recordset($2::json) AS t(i int, e text, f jsonb, s text, g int)`,
        datasetId,
        next,
      )
      .then((count) => count); // Prisma's promises are lazy: `then` sends the query now.
    // Let the driver put the query on the wire, then serialise the next batch while Postgres inserts this one.
    await new Promise((resolve) => setImmediate(resolve));
    next = from + batchSize < rows.length ? json(from + batchSize) : "";
    await written;
    await onProgress?.(Math.min(from + batchSize, rows.length));
  }
}

/** One dataset or null. */
export async function getDataset(db: Db, id: string) {
  return db.dataset.findUnique({ where: { id } });
}

/**
 * Rows with `start <= index < end`, in index order.
 *
 * @example
 * const page = await readRows(prisma, datasetId, 0, 50);
 */
export async function readRows(db: Db, datasetId: string, start: number, end: number) {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start)
    throw new Error(`row range must be 0 <= start <= end, got ${start}..${end}`);
  return db.row.findMany({ where: { datasetId, index: { gte: start, lt: end } }, orderBy: { index: "asc" } });
}

/**
 * The rows of chunk `chunkIndex` as engine `DataRow`s (chunk = `chunkSize` consecutive rows).
 *
 * @example
 * const rows = await readChunkRows(prisma, dataset, 3);
 */
export async function readChunkRows(db: Db, dataset: { id: string; chunkSize: number; rowCount: number }, chunkIndex: number): Promise<DataRow[]> {
  const chunks = Math.ceil(dataset.rowCount / dataset.chunkSize);
  if (!Number.isInteger(chunkIndex) || chunkIndex < 0 || chunkIndex >= chunks)
    throw new Error(`chunk ${chunkIndex} is outside 0..${chunks - 1} of dataset ${dataset.id}`);
  const start = chunkIndex * dataset.chunkSize;
  const rows = await readRows(db, dataset.id, start, Math.min(start + dataset.chunkSize, dataset.rowCount));
  return rows.map(toDataRow);
}

/**
 * Gold labels usable for analysis: the class index for DEV rows with gold, -1 everywhere else
 * (train gold never informs anything; test gold is for final metrics only).
 *
 * @example
 * const gold = await readDevGold(prisma, dataset.id, dataset.rowCount);
 */
export async function readDevGold(db: Db, datasetId: string, rowCount: number): Promise<Int32Array> {
  const gold = new Int32Array(rowCount).fill(-1);
  const rows = await db.row.findMany({ where: { datasetId, split: "DEV", gold: { not: null } }, select: { index: true, gold: true } });
  for (const row of rows) if (row.index < rowCount) gold[row.index] = row.gold!;
  return gold;
}
