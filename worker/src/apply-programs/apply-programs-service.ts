import { WaitingChildrenError, type FlowProducer, type Job } from "bullmq";
import { chunkJobCounts, chunksMissingVotes, setRunStatus, settleChunkJobs, type Db } from "@alchemist/db";
import type { RunAnalysis } from "@alchemist/engine";
import { QUEUES, applyChunkJobPrefix, type ApplyProgramsPayload } from "@alchemist/jobs";
import { markJobInterrupt } from "../reconcile/job-interrupts";
import { analyseRun } from "./analyse-run";
import { chunkOutcomes, enqueueApplyChunks, unfinishedChunkPayloads } from "./enqueue-apply-chunks";
import { loadRunContext, type RunContext } from "./run-context";
import { assertJobActor } from "../assert-job-actor";

export interface ApplyProgramsProgress {
  /** 0..100 */
  readonly percent: number;
  readonly stage: string;
}

export interface ApplyProgramsResult {
  /** (program, chunk) pairs computed by this apply's chunk jobs; 0 when every vote was already stored. */
  readonly computed: number;
  readonly analysis: RunAnalysis;
}

/** The BullMQ side of the run's apply-programs job: the parent of its chunk jobs. */
export interface ApplyParent {
  readonly job: Job;
  readonly token: string;
  /** Adds the chunk jobs as the job's children. */
  readonly flow: FlowProducer;
}

/**
 * A run's apply as a BullMQ flow, run by its `apply-programs` job (the parent):
 * 1. first activation: the chunks that miss votes of at least one of the run's programs (by code
 *    hash, so stored chunks are skipped) become `apply-chunk` child jobs, Job rows first; any worker
 *    process on any machine with the same Postgres and Redis takes them; the parent then waits in
 *    BullMQ's waiting-children state (WaitingChildrenError), holding no worker;
 * 2. when every child has ended, BullMQ runs the parent again: a cancelled or failed chunk ends the
 *    apply the same way; otherwise it assembles L, stores the LF analysis, fits the label models
 *    (pseudolabels) and marks the run SUCCEEDED.
 * A parent that runs again after a crash or shutdown re-adds the same child ids (BullMQ keeps one
 * of each). `rescore` (a reviewer's DEV labels) runs no program: every vote must already be stored;
 * it re-analyses and refits and leaves the run's status alone. The actor must hold "edit" to apply
 * and "review" to re-score.
 *
 * @example
 * await applyProgramsService(prisma, payload, { parent: { job, token, flow }, signal, onProgress });
 */
export async function applyProgramsService(
  db: Db,
  payload: ApplyProgramsPayload,
  options: { parent: ApplyParent; signal?: AbortSignal; onProgress?: (progress: ApplyProgramsProgress) => Promise<void> | void },
): Promise<ApplyProgramsResult> {
  const rescore = payload.mode === "rescore";
  await assertJobActor(db, payload, rescore ? "review" : "edit");
  const context = await loadRunContext(db, payload, { fresh: true });
  const report = async (percent: number, stage: string) => options.onProgress?.({ percent: Math.round(percent * 10) / 10, stage });
  const hashes = context.unique.map((u) => u.codeHash);
  if (rescore) {
    const stored = await db.programOutput.count({ where: { datasetId: context.dataset.id, codeHash: { in: hashes }, chunkIndex: { lt: context.chunkCount } } });
    const missing = hashes.length * context.chunkCount - stored;
    if (missing > 0)
      throw new Error(
        `run ${context.runId} misses ${missing} program-chunk(s) of votes; a re-score only re-analyses stored votes, so an editor must apply the programs first`,
      );
    return { computed: 0, analysis: await analyse(db, context, report) };
  }
  const { job, token, flow } = options.parent;
  const prefix = applyChunkJobPrefix(context.runId, job.timestamp);
  const counts = await chunkJobCounts(db, context.runId, prefix);
  if (counts.total === 0) {
    await setRunStatus(db, context.runId, "RUNNING");
    // Chunks of an earlier generation (a parent Redis lost and the reconciler re-added) are replaced by this one's.
    await settleChunkJobs(db, context.runId, { exceptPrefix: prefix, status: "CANCELLED", error: "superseded: the run's apply was queued again" });
    const missing = await chunksMissingVotes(db, context.dataset.id, hashes, context.chunkCount);
    if (missing.length > 0) {
      await unlessLost(enqueueApplyChunks(db, flow, job, payload, missing));
      await report(0, `applying ${missing.length} of ${context.chunkCount} chunk(s) on every worker`);
    }
  } else if (counts.queued + counts.running > 0) {
    // Resumed (crash, shutdown): re-add the children still owed; BullMQ keeps one job per id.
    await unlessLost(enqueueApplyChunks(db, flow, job, payload, await unfinishedChunkPayloads(db, context.runId, prefix)));
  }
  if (options.signal?.aborted) throw options.signal.reason ?? new Error("aborted");
  if (await unlessLost(job.moveToWaitingChildren(token))) throw new WaitingChildrenError();
  return finish(db, context, job, prefix, report);
}

/**
 * Redis restarted (empty) under an active parent: BullMQ no longer knows the job. Its Job row
 * stays RUNNING without heartbeat, so the reconciler adds it again from its payload (a new
 * generation of chunks); failing the run here would lose an apply Postgres still owes.
 */
async function unlessLost<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    if (/Missing (key|lock) for (parent )?job/i.test((error as Error).message ?? ""))
      throw new WaitingChildrenError(`the queue (Redis) lost this job: ${(error as Error).message}`);
    throw error;
  }
}

/** Every chunk job of the generation has ended: record how, or analyse and fit. */
async function finish(
  db: Db,
  context: RunContext,
  job: Job,
  prefix: string,
  report: (percent: number, stage: string) => Promise<void>,
): Promise<ApplyProgramsResult> {
  const outcomes = await chunkOutcomes(db, context.runId, prefix);
  const cancelled = outcomes.find((o) => o.status === "CANCELLED");
  if (cancelled) {
    const reason = (cancelled.error ?? "cancelled").replace(/^cancelled: /, "");
    markJobInterrupt(QUEUES.applyPrograms, String(job.id), { kind: "cancel", reason });
    throw new Error(`cancelled: ${reason}`);
  }
  const failed = outcomes.find((o) => o.status === "FAILED");
  if (failed) throw new Error(`chunk ${failed.chunkIndex} failed: ${failed.error ?? "unknown error"}`);
  const missing = await chunksMissingVotes(
    db,
    context.dataset.id,
    context.unique.map((u) => u.codeHash),
    context.chunkCount,
  );
  if (missing.length > 0) {
    throw new Error(
      `${missing.length} chunk(s) have no votes after their jobs ended (first: ${missing.slice(0, 5).join(", ")}): a worker died on them more than WORKER_MAX_STALLED_COUNT times`,
    );
  }
  const computed = outcomes.reduce((sum, o) => sum + (o.status === "SUCCEEDED" ? o.computed : 0), 0);
  const analysis = await analyse(db, context, report);
  await setRunStatus(db, context.runId, "SUCCEEDED");
  await report(100, "done");
  return { computed, analysis };
}

async function analyse(db: Db, context: RunContext, report: (percent: number, stage: string) => Promise<void>): Promise<RunAnalysis> {
  await report(90, "analysing and fitting label models");
  return analyseRun(db, { runId: context.runId, dataset: context.dataset, task: context.task, programs: context.programs });
}
