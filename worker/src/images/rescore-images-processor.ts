import { UnrecoverableError, type Job } from "bullmq";
import type { Db } from "@alchemist/db";
import { parseJobPayload, QUEUES, type RescoreImagesPayload } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import { rescoreImagesService } from "./rescore-images-service";
import { workerClipModel } from "./worker-clip-model";

/**
 * The BullMQ processor of `rescore-images`: validates the payload and scores the dataset's stored
 * embeddings on the new concepts as a tracked job.
 *
 * @example
 * await createQueueWorker(QUEUES.rescoreImages, createRescoreImagesProcessor({ db: prisma, clipModelDir }), { connection, prefix });
 */
export function createRescoreImagesProcessor(deps: { db: Db; clipModelDir?: string | undefined }) {
  return async (job: Job): Promise<{ datasetId: string; rows: number; concepts: number }> => {
    let payload: RescoreImagesPayload;
    try {
      payload = parseJobPayload(QUEUES.rescoreImages, job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    return trackedJob(deps.db, job, payload.projectId, async (report) =>
      rescoreImagesService(deps.db, payload, { clip: await workerClipModel(deps.clipModelDir), report }),
    );
  };
}
