import { UnrecoverableError, type Job } from "bullmq";
import type { Db } from "@alchemist/db";
import { parseJobPayload, QUEUES, type ProposeConceptsPayload, type ProposeConceptsResult } from "@alchemist/jobs";
import type { WorkerLlmConfig } from "../generate-programs/worker-llm";
import { proposeConceptsService } from "./propose-concepts-service";

/**
 * The BullMQ processor of `propose-concepts`: a short job whose answer the web reads back from
 * BullMQ; never retried (a retry would pay for the call twice).
 *
 * @example
 * await createQueueWorker(QUEUES.proposeConcepts, createProposeConceptsProcessor({ db: prisma, llm }), { connection, prefix });
 */
export function createProposeConceptsProcessor(deps: { db: Db; llm: WorkerLlmConfig }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<ProposeConceptsResult> => {
    let payload: ProposeConceptsPayload;
    try {
      payload = parseJobPayload(QUEUES.proposeConcepts, job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    try {
      return await proposeConceptsService(deps.db, payload, { llm: deps.llm, signal });
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
  };
}
