import { UnrecoverableError, type Job } from "bullmq";
import type { Db } from "@alchemist/db";
import { parseFitLabelModelsPayload, type FitLabelModelsPayload } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import { fitLabelModelsService } from "./fit-label-models-service";

/**
 * The BullMQ processor of `fit-label-models`: validates the payload and refits the run's label
 * models as a tracked job (the fit itself runs in a worker thread, off the event loop).
 *
 * @example
 * await createQueueWorker(QUEUES.fitLabelModels, createFitLabelModelsProcessor({ db: prisma }), { connection, prefix });
 */
export function createFitLabelModelsProcessor(deps: { db: Db }) {
  return async (job: Job): Promise<{ runId: string; labelModel: string | null }> => {
    let payload: FitLabelModelsPayload;
    try {
      payload = parseFitLabelModelsPayload(job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    return trackedJob(deps.db, job, payload.projectId, (report) => fitLabelModelsService(deps.db, payload, report));
  };
}
