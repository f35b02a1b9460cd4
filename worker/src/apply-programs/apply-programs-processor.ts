import { UnrecoverableError, type Job } from "bullmq";
import type { ProgramRunner } from "@alchemist/engine";
import { getRun, setRunStatus, type Db } from "@alchemist/db";
import { parseApplyProgramsPayload, type ApplyProgramsPayload } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import { applyProgramsService } from "./apply-programs-service";

export interface ApplyProgramsJobResult extends Record<string, unknown> {
  readonly computed: number;
  readonly summary: { coverage: number; overlap: number; conflict: number };
}

/**
 * The BullMQ processor of `apply-programs`: validates the payload and runs the service as a
 * tracked job (Job table status, progress, heartbeat, transient retries). Votes are stored per
 * (dataset, code hash, chunk) as each chunk finishes, so a run interrupted by a crash, a
 * restart or a shutdown resumes where it stopped. A cancelled job marks the run CANCELLED, a
 * failed one FAILED; neither is retried.
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
    return trackedJob(
      db,
      job,
      payload.projectId,
      async (report) => {
        const result = await applyProgramsService(deps, payload, { ...(signal ? { signal } : {}), onProgress: (p) => report(p.percent, p.stage) });
        return { computed: result.computed, summary: result.analysis.summary };
      },
      // A failed re-score leaves the run as it was: its votes and last analysis still stand.
      { runId: payload.runId, onEnd: async (status) => void (payload.mode === "rescore" ? undefined : await setRunStatus(db, payload.runId, status)) },
    );
  };
}
