import { UnrecoverableError, type Job } from "bullmq";
import type { Db } from "@alchemist/db";
import { parseExportPayload, type ExportPayload } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import { exportService, type ExportResult } from "./export-service";

/**
 * The BullMQ processor of `export`: validates the payload and writes the export file as a
 * tracked job; Job.result names the file the download route serves.
 *
 * @example
 * await createQueueWorker(QUEUES.export, createExportProcessor({ db: prisma, exportDir }), { connection, prefix });
 */
export function createExportProcessor(deps: { db: Db; exportDir: string }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<ExportResult> => {
    let payload: ExportPayload;
    try {
      payload = parseExportPayload(job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    return trackedJob(deps.db, job, payload.projectId, (report) =>
      exportService(deps.db, payload, { exportDir: deps.exportDir, report, ...(signal ? { signal } : {}) }),
    );
  };
}
