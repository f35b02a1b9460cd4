import { UnrecoverableError, type Job } from "bullmq";
import type { Db } from "@alchemist/db";
import { parseImportDatasetPayload, type ImportDatasetPayload } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import { importDatasetService, type ImportDatasetResult } from "./import-dataset-service";

/**
 * The BullMQ processor of `import-dataset`: validates the payload and runs the import as a
 * tracked job (status, progress and the error message land in the Job table for the UI).
 *
 * @example
 * new Worker(QUEUES.importDataset, createImportDatasetProcessor({ db: prisma, uploadDir }), { connection });
 */
export function createImportDatasetProcessor(deps: { db: Db; uploadDir: string; clipModelDir?: string | undefined; clipCacheDir?: string | undefined }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<ImportDatasetResult> => {
    let payload: ImportDatasetPayload;
    try {
      payload = parseImportDatasetPayload(job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    return trackedJob(deps.db, job, payload.projectId, (report) =>
      importDatasetService(deps.db, payload, {
        uploadDir: deps.uploadDir,
        clipModelDir: deps.clipModelDir,
        clipCacheDir: deps.clipCacheDir,
        report,
        ...(signal ? { signal } : {}),
      }),
    );
  };
}
