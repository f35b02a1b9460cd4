import { UnrecoverableError, type Job } from "bullmq";
import type { ProgramRunner } from "@alchemist/engine";
import type { Db } from "@alchemist/db";
import { parseRefineProgramPayload, type RefineProgramPayload } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import type { WorkerLlmConfig } from "../generate-programs/worker-llm";
import { refineProgramService, type RefineProgramResult } from "./refine-program-service";

/**
 * The BullMQ processor of `refine-program` (job id = refinementId): validates the payload and runs
 * the refinement as a tracked job (Job table progress, cancellable).
 *
 * @example
 * new Worker(QUEUES.refineProgram, createRefineProgramProcessor({ db: prisma, runner, llm }), { connection });
 */
export function createRefineProgramProcessor(deps: { db: Db; runner: ProgramRunner; llm: WorkerLlmConfig }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<RefineProgramResult> => {
    let payload: RefineProgramPayload;
    try {
      payload = parseRefineProgramPayload(job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    return trackedJob(deps.db, job, payload.projectId, (report) => refineProgramService(deps, payload, { report, ...(signal ? { signal } : {}) }));
  };
}
