import { hostname } from "node:os";
import { UnrecoverableError, type Job } from "bullmq";
import type { ProgramRunner } from "@alchemist/engine";
import { chunkJobCounts, findJobByExternalId, updateJob, type Db } from "@alchemist/db";
import { QUEUES, parseApplyChunkPayload, type ApplyChunkPayload } from "@alchemist/jobs";
import { isTransientError } from "../reconcile/is-transient-error";
import { trackedJob } from "../tracked-job";
import { applyChunk } from "./apply-chunk";
import type { ChunkCancels } from "./chunk-cancels";
import { loadRunContext } from "./run-context";
import { assertJobActor } from "../assert-job-actor";

export interface ApplyChunkJobResult extends Record<string, unknown> {
  readonly chunkIndex: number;
  readonly computed: number;
  readonly disabled: number;
  /** host:pid of the worker process that ran it. */
  readonly worker: string;
  readonly skipped?: "cancelled";
}

/** Which worker process ran a chunk (stored in its Job row's result). */
export const WORKER_NAME = `${hostname()}:${process.pid}`;

/** The prefix of the chunk job ids of one apply generation: `<runId>-<generation>-`. */
export const generationPrefix = (jobId: string) => jobId.slice(0, jobId.lastIndexOf("-") + 1);

/**
 * The BullMQ processor of `apply-chunk`: one chunk of a run's apply, a child of the run's
 * apply-programs job. Any worker process takes chunks; each is a tracked job with its own Job row
 * (crash safety, transient retries, cancel). A chunk whose row was cancelled (the run's apply was
 * cancelled while it waited) ends at once without running anything. When it succeeds, the parent's
 * Job row gets the progress of every worker's chunks (chunks done / chunks of the apply).
 *
 * @example
 * new Worker(QUEUES.applyChunk, createApplyChunkProcessor({ db: prisma, runner, cancels }), { connection });
 */
export function createApplyChunkProcessor(deps: { db: Db; runner: ProgramRunner; cancels: ChunkCancels }) {
  const { db, runner, cancels } = deps;
  return async (job: Job, _token?: string, signal?: AbortSignal): Promise<ApplyChunkJobResult> => {
    let payload: ApplyChunkPayload;
    try {
      payload = parseApplyChunkPayload(job.data);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
    const jobId = String(job.id);
    const base = { chunkIndex: payload.chunkIndex, computed: 0, disabled: 0, worker: WORKER_NAME };
    // Postgres away (restarting): trackedJob looks the row up again with its transient retries.
    const row = await findJobByExternalId(db, QUEUES.applyChunk, jobId).catch((error: unknown) => {
      if (isTransientError(error)) return undefined;
      throw error;
    });
    if (row?.status === "CANCELLED") return { ...base, skipped: "cancelled" };
    cancels.started(jobId, payload.runId);
    try {
      const result = await trackedJob(
        db,
        job,
        payload.projectId,
        async () => {
          await assertJobActor(db, payload, "edit");
          const context = await loadRunContext(db, payload);
          const outcome = await applyChunk(db, runner, { context, chunkIndex: payload.chunkIndex, ...(signal ? { signal } : {}) });
          if (outcome.stopped.length)
            console.warn(
              `[worker] run ${payload.runId} chunk ${payload.chunkIndex}: the runner stopped ${outcome.stopped.length} program(s): ${outcome.stopped
                .map((s) => s.reason)
                .join("; ")
                .slice(0, 300)}`,
            );
          return { ...base, computed: outcome.computed, disabled: outcome.disabled } satisfies ApplyChunkJobResult;
        },
        // Which process holds the chunk, for operators (and the fan-out test's kill).
        { runId: payload.runId, ...(row ? { row } : {}), startStage: `applying on ${WORKER_NAME}` },
      );
      await reportParentProgress(db, payload.runId, generationPrefix(jobId));
      return result;
    } finally {
      cancels.ended(jobId);
    }
  };
}

const lastReport = new Map<string, number>();
/** At most this often per process and run: three queries a chunk would cost more than small chunks do. */
const REPORT_EVERY_MS = 500;

/** Writes "chunks done / chunks" of the whole apply (all workers) into the run's apply-programs row. */
async function reportParentProgress(db: Db, runId: string, prefix: string): Promise<void> {
  const now = Date.now();
  if (now - (lastReport.get(runId) ?? 0) < REPORT_EVERY_MS) return;
  if (lastReport.size > 1000) lastReport.clear();
  lastReport.set(runId, now);
  try {
    const parent = await findJobByExternalId(db, QUEUES.applyPrograms, runId);
    if (!parent || parent.status !== "RUNNING") return;
    const counts = await chunkJobCounts(db, runId, prefix);
    if (counts.total === 0) return;
    const done = counts.succeeded;
    const workers = counts.workers > 1 ? ` on ${counts.workers} workers` : "";
    await updateJob(db, parent.id, { progress: Math.round((900 * done) / counts.total) / 10, stage: `applied ${done}/${counts.total} chunk(s)${workers}` });
  } catch (error) {
    // Progress is a mirror; the next chunk writes it again.
    if (!isTransientError(error)) console.warn(`[worker] progress of run ${runId}: ${(error as Error).message}`);
  }
}
