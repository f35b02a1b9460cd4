import { UnrecoverableError, type Job } from "bullmq";
import { QUEUES, parseJobPayload, type SweepPayload } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import { sweepService, type SweepDeps, type SweepResult } from "./sweep-service";

/**
 * The BullMQ processor of `sweep` (job id = sweep id): validates the payload and runs the sweep
 * as a tracked job (progress per grid cell, cancellable).
 *
 * @example
 * new Worker(QUEUES.sweep, createSweepProcessor({ db: prisma, runner, llm }), { connection });
 */
export function createSweepProcessor(deps: SweepDeps) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<SweepResult> => {
    let payload: SweepPayload;
    try {
      payload = parseJobPayload(QUEUES.sweep, job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    return trackedJob(deps.db, job, payload.projectId, (report) => sweepService(deps, payload, { report, ...(signal ? { signal } : {}) }));
  };
}
