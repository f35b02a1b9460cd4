import { UnrecoverableError, type Job } from "bullmq";
import type { ProgramRunner } from "@alchemist/engine";
import type { Db } from "@alchemist/db";
import { parseTryProgramPayload, type TryProgramPayload, type TryProgramResult } from "@alchemist/jobs";
import { tryProgramService } from "./try-program-service";

/**
 * The BullMQ processor of `try-program`: a short job whose result (per-row votes and errors) the
 * web reads back from BullMQ; not recorded in the Job table, since nothing is stored.
 *
 * @example
 * new Worker(QUEUES.tryProgram, createTryProgramProcessor({ db: prisma, runner }), { connection });
 */
export function createTryProgramProcessor(deps: { db: Db; runner: ProgramRunner }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<TryProgramResult> => {
    let payload: TryProgramPayload;
    try {
      payload = parseTryProgramPayload(job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    try {
      return await tryProgramService(deps, payload, signal);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
  };
}
