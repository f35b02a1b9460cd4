import "server-only";
import type { Queue } from "bullmq";
import {
  endGenerationRequest,
  endImprovementRound,
  endSweep,
  endTrainedModel,
  getImprovementRound,
  getProjectJob,
  getSweep,
  setRunStatus,
  updateJob,
  updateProgramRefinement,
  getPrisma,
  type Db,
} from "@alchemist/db";
import { QUEUES, cancelChannel, type QueueName } from "@alchemist/jobs";
import { AppError } from "@/lib/app-error";
import { getEnv } from "@/env";
import { getQueue, getRedis } from "./get-queue";

export interface CancelDeps {
  readonly db: Db;
  /** The BullMQ producer of a queue (null for a queue this studio does not know). */
  readonly queue: (name: string) => Queue | null;
  /** Publishes on Redis pub/sub. */
  readonly publish: (channel: string, message: string) => Promise<unknown>;
  readonly prefix: string;
}

export type CancelOutcome = "cancelled" | "cancelling";

/**
 * Cancels a project's job. A job still waiting in BullMQ (or one Redis lost) is removed and
 * marked CANCELLED at once, with the record it would have ended (run, trained model, generation
 * request, refinement). A running one is asked to stop on its queue's cancel
 * channel: the worker that runs it aborts the job's AbortSignal, the processor stops at its
 * next chunk boundary with every stored output complete, and the worker marks it CANCELLED;
 * until then its stage says "cancelling".
 *
 * @example
 * const outcome = await cancelJobCore(deps, { projectId, jobId, reason: "by ada@example.com" });
 */
export async function cancelJobCore(deps: CancelDeps, input: { projectId: string; jobId: string; reason: string }): Promise<CancelOutcome> {
  const row = await getProjectJob(deps.db, input.projectId, input.jobId);
  if (!row) throw new AppError("NOT_FOUND", "this job does not exist in the project");
  if (row.status !== "QUEUED" && row.status !== "RUNNING") throw new AppError("CONFLICT", `the job already ended (${row.status.toLowerCase()})`);
  const queue = deps.queue(row.queue);
  const bull = queue && row.externalId ? await queue.getJob(row.externalId) : undefined;
  const state = bull ? await bull.getState() : "missing";
  if (state !== "active") {
    // remove() refuses a job that became active meanwhile (it is locked): then ask the worker.
    const removed = bull
      ? await bull.remove().then(
          () => true,
          () => false,
        )
      : true;
    if (removed) {
      const message = `cancelled: ${input.reason}`;
      await updateJob(deps.db, row.id, { status: "CANCELLED", stage: "cancelled", error: message });
      await endRecordOf(deps.db, row, message);
      return "cancelled";
    }
  }
  if (!row.externalId) throw new AppError("CONFLICT", "this job cannot be cancelled: it has no queue id");
  await deps.publish(cancelChannel(row.queue, deps.prefix), JSON.stringify({ jobId: row.externalId, reason: input.reason }));
  await updateJob(deps.db, row.id, { stage: "cancelling…" });
  return "cancelling";
}

const idIn = (payload: unknown, key: string): string | null => {
  const value = payload && typeof payload === "object" ? (payload as Record<string, unknown>)[key] : undefined;
  return typeof value === "string" ? value : null;
};

/**
 * A job that never ran is cancelled without its processor, so the record it would have ended
 * (a run, a trained model, a generation request, a refinement) is ended here the same way.
 */
async function endRecordOf(db: Db, row: { queue: string; runId: string | null; payload: unknown }, message: string): Promise<void> {
  if (row.queue === QUEUES.applyPrograms && row.runId) await setRunStatus(db, row.runId, "CANCELLED");
  const trained = row.queue === QUEUES.trainModel ? idIn(row.payload, "trainedModelId") : null;
  if (trained) await endTrainedModel(db, trained, "CANCELLED", message);
  const request = row.queue === QUEUES.generatePrograms ? idIn(row.payload, "generationRequestId") : null;
  if (request) await endGenerationRequest(db, request, "CANCELLED", message);
  const refinement = row.queue === QUEUES.refineProgram ? idIn(row.payload, "refinementId") : null;
  // Refinements have no CANCELLED status; FAILED with the cancel message is what the page shows.
  if (refinement) await updateProgramRefinement(db, refinement, { status: "FAILED", error: message, finishedAt: new Date() });
  // a round left QUEUED would block the project's next round
  const roundId = row.queue === QUEUES.improveRound ? idIn(row.payload, "improvementRoundId") : null;
  const round = roundId ? await getImprovementRound(db, roundId) : null;
  if (round) {
    await endImprovementRound(db, round.id, { status: "CANCELLED", error: message });
    await endGenerationRequest(db, round.generationRequestId, "CANCELLED", message);
  }
  // a sweep left QUEUED would block the project's next sweep
  const sweepId = row.queue === QUEUES.sweep ? idIn(row.payload, "sweepId") : null;
  const sweep = sweepId ? await getSweep(db, sweepId) : null;
  if (sweep && (sweep.status === "QUEUED" || sweep.status === "RUNNING")) {
    await endSweep(db, sweep.id, { status: "CANCELLED", error: message });
    await endGenerationRequest(db, sweep.generationRequestId, "CANCELLED", message);
  }
}

const known = new Set<string>(Object.values(QUEUES));

/**
 * Cancels one of the project's queued or running jobs on behalf of `userId` (see cancelJobCore, which takes its database, queues and Redis as arguments).
 *
 * @example
 * await cancelJob(projectId, jobId, actor.userId);
 */
export async function cancelJob(projectId: string, jobId: string, userId: string): Promise<CancelOutcome> {
  const env = getEnv();
  const db = getPrisma();
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
  try {
    return await cancelJobCore(
      {
        db,
        queue: (name) => (known.has(name) ? getQueue(name as QueueName) : null),
        publish: (channel, message) => getRedis().publish(channel, message),
        prefix: env.QUEUE_PREFIX,
      },
      { projectId, jobId, reason: `by ${user?.email ?? "a user"}` },
    );
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("UNAVAILABLE", `the job queue (Redis) is not reachable: ${(error as Error).message}`);
  }
}
