import { UnrecoverableError, type Job } from "bullmq";
import { QUEUES, parseJobPayload, type ImproveRoundPayload } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import { improveRoundService, type ImproveRoundDeps, type ImproveRoundResult } from "./improve-round-service";

/**
 * The BullMQ processor of `improve-round` (job id = round id): validates the payload and runs the
 * round as a tracked job (progress per aimed program, cancellable).
 *
 * @example
 * new Worker(QUEUES.improveRound, createImproveRoundProcessor({ db: prisma, runner, llm, applyQueue }), { connection });
 */
export function createImproveRoundProcessor(deps: ImproveRoundDeps) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<ImproveRoundResult> => {
    let payload: ImproveRoundPayload;
    try {
      payload = parseJobPayload(QUEUES.improveRound, job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    return trackedJob(deps.db, job, payload.projectId, (report) => improveRoundService(deps, payload, { report, ...(signal ? { signal } : {}) }));
  };
}
