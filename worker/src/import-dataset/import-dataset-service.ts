import { rm } from "node:fs/promises";
import { join } from "node:path";
import { loadDataset } from "@alchemist/engine/node";
import { assertJobActor, createDatasetWithRows, type Db } from "@alchemist/db";
import { uploadFileName, type ImportDatasetPayload } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";

/** What an import produced. */
export interface ImportDatasetResult extends Record<string, unknown> {
  readonly datasetId: string;
  readonly rows: number;
}

/**
 * Parses an uploaded file with the engine's readers and the user's column mapping, then writes
 * the dataset and all its rows in one transaction: a bad file or a failed write leaves nothing.
 * Error messages name the original file, never the server's temp path. The upload is deleted
 * after a successful import (kept after a failure, so the mapping can be fixed and retried).
 *
 * @example
 * const { datasetId } = await importDatasetService(prisma, payload, { uploadDir: "/tmp/uploads", report });
 */
export async function importDatasetService(
  db: Db,
  payload: ImportDatasetPayload,
  options: { uploadDir: string; report: ReportProgress; signal?: AbortSignal },
): Promise<ImportDatasetResult> {
  await assertJobActor(db, payload, "edit");
  const path = join(options.uploadDir, uploadFileName(payload.uploadId, payload.format));
  const { mapping, classNames } = payload;
  await options.report(5, `reading ${payload.fileName}`);
  let rows;
  try {
    const input = mapping.input.length === 1 ? mapping.input[0]! : mapping.input;
    const dataset = await loadDataset(path, { mapping: { ...mapping, input }, classNames, seed: payload.seed, format: payload.format });
    rows = dataset.rows;
  } catch (error) {
    const message = (error as Error).message.split(path).join(payload.fileName);
    if (/ENOENT/.test(message)) throw new Error(`the upload of ${payload.fileName} is gone (uploads are deleted after a successful import); upload the file again`);
    throw new Error(message.replace(/--columns/g, "a file with a header row"));
  }
  if (rows.length === 0) throw new Error(`${payload.fileName} has no data rows`);
  if (options.signal?.aborted) throw new Error("import cancelled");
  const total = rows.length;
  await options.report(30, `writing ${total} rows`);
  const dataset = await createDatasetWithRows(db, {
    projectId: payload.projectId,
    name: payload.name,
    rows,
    ...(mapping.label ? { classNames } : {}),
    onProgress: (inserted) => options.report(30 + (65 * inserted) / total, `wrote ${inserted} of ${total} rows`),
  });
  await rm(path, { force: true });
  return { datasetId: dataset.id, rows: total };
}
