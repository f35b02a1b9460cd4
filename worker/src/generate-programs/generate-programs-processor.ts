import { UnrecoverableError, type Job } from "bullmq";
import type { ProgramRunner } from "@alchemist/engine";
import type { Db } from "@alchemist/db";
import { parseGenerateProgramsPayload, type GenerateProgramsPayload } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import { generateProgramsService, type GenerateProgramsResult } from "./generate-programs-service";
import type { WorkerLlmConfig } from "./worker-llm";

/**
 * The BullMQ processor of `generate-programs` (job id = generationRequestId): validates the
 * payload and runs the request as a tracked job (Job table progress, cancellable).
 *
 * @example
 * new Worker(QUEUES.generatePrograms, createGenerateProgramsProcessor({ db: prisma, runner, llm }), { connection });
 */
export function createGenerateProgramsProcessor(deps: { db: Db; runner: ProgramRunner; llm: WorkerLlmConfig }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<GenerateProgramsResult> => {
    let payload: GenerateProgramsPayload;
    try {
      payload = parseGenerateProgramsPayload(job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    return trackedJob(deps.db, job, payload.projectId, (report) => generateProgramsService(deps, payload, { report, ...(signal ? { signal } : {}) }));
  };
}
