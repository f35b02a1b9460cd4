import { UnrecoverableError, type Job } from "bullmq";
import type { ProgramRunner } from "@alchemist/engine";
import { createJob, findJobByExternalId, getRun, setRunStatus, updateJob, type Db } from "@alchemist/db";
import { parseApplyProgramsPayload, type ApplyProgramsPayload } from "@alchemist/jobs";
import { applyProgramsService } from "./apply-programs-service";

export interface ApplyProgramsJobResult {
  readonly computed: number;
  readonly summary: { coverage: number; overlap: number; conflict: number };
}

/**
 * The BullMQ processor of `apply-programs`: validates the payload, mirrors status and progress
 * into the Job table, and delegates to `applyProgramsService`. A cancelled job (its AbortSignal
 * fired) marks the run CANCELLED and is not retried.
 *
 * @example
 * new Worker(QUEUES.applyPrograms, createApplyProgramsProcessor({ db: prisma, runner }), { connection });
 */
export function createApplyProgramsProcessor(deps: { db: Db; runner: ProgramRunner }) {
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<ApplyProgramsJobResult> => {
    let payload: ApplyProgramsPayload;
    try {
      payload = parseApplyProgramsPayload(job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    const { db } = deps;
    if (!(await getRun(db, payload.runId))) throw new UnrecoverableError(`run ${payload.runId} does not exist`);
    const externalId = String(job.id);
    const row =
      (await findJobByExternalId(db, job.queueName, externalId)) ??
      (await createJob(db, { projectId: payload.projectId, runId: payload.runId, queue: job.queueName, externalId }));
    await updateJob(db, row.id, { status: "RUNNING", error: null });
    try {
      const result = await applyProgramsService(deps, payload, {
        ...(signal ? { signal } : {}),
        onProgress: async (progress) => {
          await job.updateProgress(progress);
          await updateJob(db, row.id, { progress: progress.percent, stage: progress.stage });
        },
      });
      await updateJob(db, row.id, { status: "SUCCEEDED", progress: 100, stage: "done" });
      return { computed: result.computed, summary: result.analysis.summary };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (signal?.aborted) {
        const reason = String(signal.reason instanceof Error ? signal.reason.message : (signal.reason ?? "cancelled"));
        await setRunStatus(db, payload.runId, "CANCELLED");
        await updateJob(db, row.id, { status: "CANCELLED", stage: "cancelled", error: reason });
        throw new UnrecoverableError(`cancelled: ${reason}`);
      }
      await setRunStatus(db, payload.runId, "FAILED");
      await updateJob(db, row.id, { status: "FAILED", error: message.slice(0, 2000) });
      throw error;
    }
  };
}
