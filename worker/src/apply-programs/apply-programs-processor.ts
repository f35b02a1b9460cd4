import { UnrecoverableError, type FlowProducer, type Job } from "bullmq";
import { getRun, setRunStatus, settleChunkJobs, type Db } from "@alchemist/db";
import { applyChunkJobPrefix, parseApplyProgramsPayload, type ApplyProgramsPayload } from "@alchemist/jobs";
import { trackedJob } from "../tracked-job";
import { applyProgramsService } from "./apply-programs-service";

export interface ApplyProgramsJobResult extends Record<string, unknown> {
  readonly computed: number;
  readonly summary: { coverage: number; overlap: number; conflict: number };
}

/**
 * The BullMQ processor of `apply-programs`: validates the payload and runs the service as a
 * tracked job (Job table status, progress, heartbeat, transient retries). The job is the parent
 * of the run's `apply-chunk` jobs (see applyProgramsService): it waits for them in BullMQ's
 * waiting-children state, then analyses and fits. Votes are stored per (dataset, code hash,
 * chunk) as each chunk finishes, so an apply interrupted by a crash, a restart or a shutdown
 * resumes where it stopped. A cancelled job marks the run (and its unfinished chunks) CANCELLED,
 * a failed one FAILED; neither is retried.
 *
 * @example
 * new Worker(QUEUES.applyPrograms, createApplyProgramsProcessor({ db: prisma, flow }), { connection });
 */
export function createApplyProgramsProcessor(deps: { db: Db; flow: FlowProducer }) {
  return async (job: Job, token?: string, signal?: AbortSignal): Promise<ApplyProgramsJobResult> => {
    let payload: ApplyProgramsPayload;
    try {
      payload = parseApplyProgramsPayload(job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    const { db } = deps;
    if (!(await getRun(db, payload.runId))) throw new UnrecoverableError(`run ${payload.runId} does not exist`);
    if (!token) throw new Error("apply-programs needs its BullMQ lock token to wait for its chunk jobs");
    const parent = { job, token, flow: deps.flow };
    const onEnd = async (status: "FAILED" | "CANCELLED", message: string) => {
      // A failed re-score leaves the run as it was: its votes and last analysis still stand.
      if (payload.mode === "rescore") return;
      await setRunStatus(db, payload.runId, status);
      await settleChunkJobs(db, payload.runId, {
        prefix: applyChunkJobPrefix(payload.runId, job.timestamp),
        status,
        error: status === "CANCELLED" ? message : `the apply failed: ${message}`,
      });
      await job.removeUnprocessedChildren().catch(() => undefined);
    };
    return trackedJob(
      db,
      job,
      payload.projectId,
      async (report) => {
        const result = await applyProgramsService(db, payload, { parent, ...(signal ? { signal } : {}), onProgress: (p) => report(p.percent, p.stage) });
        return { computed: result.computed, summary: result.analysis.summary };
      },
      { runId: payload.runId, onEnd },
    );
  };
}
