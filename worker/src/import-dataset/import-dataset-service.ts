import { rm } from "node:fs/promises";
import { join } from "node:path";
import { createDatasetWithRows, findDatasetBySourceUpload, type Db } from "@alchemist/db";
import { uploadFileName, type ImportDatasetPayload } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import { readImportLimits, type ImportLimits } from "./import-limits";
import { readUploadDataset } from "./read-upload-dataset";
import { storeImportedVotes } from "./store-imported-votes";
import { assertJobActor } from "../assert-job-actor";
import { workerClipModel } from "../images/worker-clip-model";
import { workerEmbeddingCache } from "../images/worker-embedding-cache";
import { importImageDataset } from "./import-image-dataset";

/** What an import produced. */
export interface ImportDatasetResult extends Record<string, unknown> {
  readonly datasetId: string;
  readonly rows: number;
  /** Programs created from a WRENCH zip's weak_labels. */
  readonly importedPrograms?: number;
}

/**
 * Parses an uploaded file (CSV/TSV/JSON Lines, or a zipped WRENCH folder) with the engine's
 * bounded readers and the user's column mapping, then writes the dataset and all its rows in one
 * transaction: a bad file or a failed write leaves nothing. The dataset records its upload id
 * (unique), so a retried job (worker killed after the commit) returns the same dataset instead
 * of importing twice. Error messages name the original file, never the server's temp path. The
 * upload is deleted after a successful import (kept after a failure, so the mapping can be fixed).
 *
 * @example
 * const { datasetId } = await importDatasetService(prisma, payload, { uploadDir: "/tmp/uploads", report });
 */
export async function importDatasetService(
  db: Db,
  payload: ImportDatasetPayload,
  options: {
    uploadDir: string;
    report: ReportProgress;
    signal?: AbortSignal;
    limits?: ImportLimits;
    clipModelDir?: string | undefined;
    clipCacheDir?: string | undefined;
  },
): Promise<ImportDatasetResult> {
  await assertJobActor(db, payload, "edit");
  const path = join(options.uploadDir, uploadFileName(payload.uploadId, payload.format));
  const limits = options.limits ?? readImportLimits();
  const done = await findDatasetBySourceUpload(db, payload.uploadId);
  if (done) {
    // Committed by an earlier attempt; a zip's imported votes may not be stored yet if it died after the commit.
    const importedPrograms = payload.format === "zip" && !payload.images ? await storeVotesAgain(db, payload, path, done, limits) : undefined;
    await rm(path, { force: true });
    return { datasetId: done.id, rows: done.rowCount, ...(importedPrograms === undefined ? {} : { importedPrograms }) };
  }
  if (payload.images) {
    const clip = await workerClipModel(options.clipModelDir);
    const cache = await workerEmbeddingCache(options.clipCacheDir, clip);
    const dataset = await importImageDataset(db, payload, {
      path,
      clip,
      report: options.report,
      ...(cache ? { cache } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    await rm(path, { force: true });
    return { datasetId: dataset.id, rows: dataset.rowCount };
  }
  const { mapping } = payload;
  await options.report(5, `reading ${payload.fileName}`);
  const read = await readUploadDataset(path, payload, limits);
  const rows = read.rows;
  // A WRENCH zip brings its class names (label.json); a text file has the ones the user gave.
  const classNames = payload.format === "zip" ? (read.classNames ?? []) : mapping.label ? payload.classNames : [];
  if (rows.length === 0) throw new Error(`${payload.fileName} has no data rows${payload.format === "zip" ? "" : " (only a header, or nothing)"}`);
  if (options.signal?.aborted) throw new Error("import cancelled");
  const total = rows.length;
  await options.report(30, `writing ${total} rows`);
  let dataset;
  try {
    dataset = await createDatasetWithRows(db, {
      projectId: payload.projectId,
      name: payload.name,
      rows,
      ...(classNames.length > 0 ? { classNames } : {}),
      sourceUploadId: payload.uploadId,
      onProgress: (inserted) => options.report(30 + (65 * inserted) / total, `wrote ${inserted} of ${total} rows`),
    });
  } catch (error) {
    // Another attempt of the same job committed first (unique sourceUploadId): that import stands.
    const winner = (error as { code?: string }).code === "P2002" ? await findDatasetBySourceUpload(db, payload.uploadId) : null;
    if (!winner) throw error;
    dataset = winner;
  }
  let importedPrograms: number | undefined;
  if (read.importedVotes && read.importedVotes.L.m > 0) {
    await options.report(96, `storing ${read.importedVotes.L.m} imported labeling functions' votes`);
    importedPrograms = await storeImportedVotes(db, {
      projectId: payload.projectId,
      dataset,
      datasetName: payload.name,
      votes: read.importedVotes,
      format: payload.format === "label-studio" ? "label-studio" : "wrench",
    });
  }
  await rm(path, { force: true });
  return { datasetId: dataset.id, rows: total, ...(importedPrograms === undefined ? {} : { importedPrograms }) };
}

async function storeVotesAgain(
  db: Db,
  payload: ImportDatasetPayload,
  path: string,
  dataset: { id: string; chunkSize: number; rowCount: number },
  limits: ImportLimits,
): Promise<number | undefined> {
  const read = await readUploadDataset(path, payload, limits).catch(() => null);
  if (!read?.importedVotes || read.importedVotes.L.m === 0) return undefined;
  return storeImportedVotes(db, { projectId: payload.projectId, dataset, datasetName: payload.name, votes: read.importedVotes });
}
