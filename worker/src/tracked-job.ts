import { UnrecoverableError, type Job } from "bullmq";
import { createJob, findJobByExternalId, updateJob, type Db } from "@alchemist/db";

/** Reports progress of a tracked job: percent 0..100 and a short stage line. */
export type ReportProgress = (percent: number, stage: string) => Promise<void>;

/**
 * Runs `work` for a BullMQ job while mirroring it into the Job table (RUNNING, progress, then
 * SUCCEEDED with `result` or FAILED with the error message). Failures are not retried: the
 * jobs using this (imports) fail the same way again on the same input.
 *
 * @example
 * return trackedJob(db, job, payload.projectId, (report) => importDatasetService(db, payload, { uploadDir, report }));
 */
export async function trackedJob<T extends Record<string, unknown>>(db: Db, job: Job, projectId: string, work: (report: ReportProgress) => Promise<T>): Promise<T> {
  const externalId = String(job.id);
  const row = (await findJobByExternalId(db, job.queueName, externalId)) ?? (await createJob(db, { projectId, queue: job.queueName, externalId }));
  await updateJob(db, row.id, { status: "RUNNING", error: null, stage: "starting" });
  const report: ReportProgress = async (percent, stage) => {
    const rounded = Math.round(Math.min(100, Math.max(0, percent)) * 10) / 10;
    await job.updateProgress({ percent: rounded, stage });
    await updateJob(db, row.id, { progress: rounded, stage });
  };
  try {
    const result = await work(report);
    await updateJob(db, row.id, { status: "SUCCEEDED", progress: 100, stage: "done", result });
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await updateJob(db, row.id, { status: "FAILED", error: message.slice(0, 2000), stage: "failed" });
    throw new UnrecoverableError(message);
  }
}
