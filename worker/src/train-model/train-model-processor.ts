import { UnrecoverableError, type Job } from "bullmq";
import { endTrainedModel, type Db } from "@alchemist/db";
import { parseTrainModelPayload, type TrainModelPayload, type TrainModelResult } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import { trainModelService } from "./train-model-service";

/**
 * The BullMQ processor of `train-model`: validates the payload and distils the run's model as a
 * tracked job; a failed or cancelled job marks its TrainedModel row the same way (the loss curve
 * so far is kept).
 *
 * @example
 * await createQueueWorker(QUEUES.trainModel, createTrainModelProcessor({ db: prisma }), { connection, prefix });
 */
export function createTrainModelProcessor(deps: { db: Db; clipModelDir?: string | undefined }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<TrainModelResult> => {
    let payload: TrainModelPayload;
    try {
      payload = parseTrainModelPayload(job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    return trackedJob(
      deps.db,
      job,
      payload.projectId,
      (report) => trainModelService(deps.db, payload, { report, clipModelDir: deps.clipModelDir, ...(signal ? { signal } : {}) }),
      {
        runId: payload.runId,
        onEnd: async (status, message) => {
          await endTrainedModel(deps.db, payload.trainedModelId, status, message);
        },
      },
    );
  };
}
