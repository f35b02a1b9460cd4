import { UnrecoverableError, type Job } from "bullmq";
import type { Db } from "@alchemist/db";
import { parsePredictPayload, type PredictPayload, type PredictResult } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import { predictService } from "./predict-service";
import { assertJobActor } from "../assert-job-actor";

/**
 * The BullMQ processor of `predict`: validates the payload (upload ids must be UUIDs, so nothing
 * outside the upload folder is ever opened) and labels the rows as a tracked job; Job.result
 * says where the labels file is.
 *
 * @example
 * await createQueueWorker(QUEUES.predict, createPredictProcessor({ db: prisma, uploadDir }), { connection, prefix });
 */
export function createPredictProcessor(deps: { db: Db; uploadDir: string }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<PredictResult> => {
    let payload: PredictPayload;
    try {
      payload = parsePredictPayload(job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    return trackedJob(deps.db, job, payload.projectId, async (report) => {
      await assertJobActor(deps.db, payload, "read");
      return predictService(payload, { uploadDir: deps.uploadDir, report, ...(signal ? { signal } : {}) });
    });
  };
}
