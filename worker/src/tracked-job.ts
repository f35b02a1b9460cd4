import { setTimeout as sleep } from "node:timers/promises";
import { UnrecoverableError, WaitingChildrenError, WaitingError, type Job } from "bullmq";
import { createJob, findJobByExternalId, heartbeatJob, updateJob, type Db } from "@alchemist/db";
import { readReliabilitySettings } from "./env";
import { isTransientError } from "./reconcile/is-transient-error";
import { clearJobInterrupt, jobInterrupt } from "./reconcile/job-interrupts";

/** Reports progress of a tracked job: percent 0..100 and a short stage line. */
export type ReportProgress = (percent: number, stage: string) => Promise<void>;

export interface TrackedJobOptions {
  /** The run the job belongs to (stored on the Job row when the worker has to create it). */
  readonly runId?: string;
  /** Called once when the job ends FAILED or CANCELLED (e.g. to mark its run), before the Job row. */
  readonly onEnd?: (status: "FAILED" | "CANCELLED", message: string) => Promise<void>;
  /** Defaults from the environment (WORKER_HEARTBEAT_MS, WORKER_TRANSIENT_RETRY_MS). */
  readonly heartbeatMs?: number;
  readonly transientRetryMs?: number;
  /** The job's row when the caller has just read it (saves the lookup: apply-chunk runs hundreds a minute). */
  readonly row?: { readonly id: string; readonly status: string } | null;
  /** The stage the row shows while it starts (default "starting", or "resuming" after a crash). */
  readonly startStage?: string;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Runs `fn`, retrying transient failures with backoff until `deadline` (epoch ms). */
async function retryTransient<T>(fn: () => Promise<T>, deadline: number): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isTransientError(error) || Date.now() >= deadline) throw error;
      await sleep(Math.min(10_000, 250 * 2 ** attempt));
    }
  }
}

/**
 * Runs `work` for a BullMQ job while mirroring it into the Job table, which is the source of
 * truth the studio shows (BullMQ's copy in Redis may vanish with a Redis restart):
 * - RUNNING with a heartbeat, progress (percent + stage) on every report, then SUCCEEDED with
 *   `result`, FAILED with the error, or CANCELLED when a user cancelled it;
 * - transient failures (Postgres or Redis restarting, dropped sockets) re-run `work` with
 *   exponential backoff for up to WORKER_TRANSIENT_RETRY_MS, so `work` must be idempotent
 *   (every service stores its outputs keyed so a re-run overwrites or skips them);
 * - progress writes never fail the job: Redis progress is a mirror, and a progress row lost
 *   while Postgres restarts is superseded by the next one;
 * - a worker shutting down puts the job back in the queue (Job row QUEUED) instead of failing it;
 * - `work` throwing BullMQ's WaitingChildrenError (a parent that waits for its child jobs) leaves
 *   the row RUNNING: BullMQ runs the job again once its children have ended;
 * - other failures are final (UnrecoverableError): the same input fails the same way again.
 *
 * @example
 * return trackedJob(db, job, payload.projectId, (report) => importDatasetService(db, payload, { uploadDir, report }));
 */
export async function trackedJob<T extends object>(
  db: Db,
  job: Job,
  projectId: string,
  work: (report: ReportProgress) => Promise<T>,
  options: TrackedJobOptions = {},
): Promise<T> {
  const settings = readReliabilitySettings();
  const retryFor = options.transientRetryMs ?? settings.WORKER_TRANSIENT_RETRY_MS;
  const externalId = String(job.id);
  const startDeadline = Date.now() + retryFor;
  const row =
    options.row ??
    (await retryTransient(
      async () =>
        (await findJobByExternalId(db, job.queueName, externalId)) ??
        (await createJob(db, { projectId, queue: job.queueName, externalId, runId: options.runId ?? null, payload: job.data as object })),
      startDeadline,
    ));
  const resumed = row.status === "RUNNING" || (job.attemptsStarted ?? 0) > 1 || (job.stalledCounter ?? 0) > 0;
  await retryTransient(
    () => updateJob(db, row.id, { status: "RUNNING", error: null, stage: options.startStage ?? (resumed ? "resuming" : "starting") }),
    startDeadline,
  );
  const heartbeat = setInterval(() => void heartbeatJob(db, row.id).catch(() => undefined), options.heartbeatMs ?? settings.WORKER_HEARTBEAT_MS);
  heartbeat.unref();
  const report: ReportProgress = async (percent, stage) => {
    const rounded = Math.round(Math.min(100, Math.max(0, percent)) * 10) / 10;
    await job.updateProgress({ percent: rounded, stage }).catch(() => undefined);
    try {
      await updateJob(db, row.id, { progress: rounded, stage });
    } catch (error) {
      if (!isTransientError(error)) throw error;
    }
  };
  try {
    const deadline = Date.now() + retryFor;
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await work(report);
        await retryTransient(
          () => updateJob(db, row.id, { status: "SUCCEEDED", progress: 100, stage: "done", result: result as Record<string, unknown> }),
          deadline + retryFor,
        );
        return result;
      } catch (error) {
        if (jobInterrupt(job.queueName, externalId) || !isTransientError(error) || Date.now() >= deadline) throw error;
        const wait = Math.min(15_000, 500 * 2 ** attempt);
        console.warn(`[worker] ${job.queueName} job ${externalId}: transient failure (${messageOf(error).slice(0, 200)}); retrying in ${wait} ms`);
        await sleep(wait);
        await report(0, `retrying after a transient failure: ${messageOf(error).slice(0, 120)}`).catch(() => undefined);
      }
    }
  } catch (error) {
    // A parent waiting for its child jobs (apply-programs): it stays RUNNING and runs again after them.
    if (error instanceof WaitingChildrenError) throw error;
    const message = messageOf(error);
    const interrupt = jobInterrupt(job.queueName, externalId);
    if (interrupt?.kind === "shutdown" && job.token) {
      // Stored outputs stay; the next worker resumes from them.
      await updateJob(db, row.id, { status: "QUEUED", stage: "re-queued: the worker shut down" }).catch(() => undefined);
      await job.moveToWait(job.token);
      throw new WaitingError();
    }
    const status = interrupt?.kind === "cancel" ? "CANCELLED" : "FAILED";
    const text = status === "CANCELLED" ? `cancelled: ${interrupt?.reason ?? "by a user"}` : message.slice(0, 2000);
    await options
      .onEnd?.(status, text)
      .catch((e: unknown) => console.error(`[worker] ${job.queueName} job ${externalId}: recording the end failed: ${messageOf(e)}`));
    await retryTransient(() => updateJob(db, row.id, { status, error: text, stage: status === "CANCELLED" ? "cancelled" : "failed" }), Date.now() + retryFor);
    throw new UnrecoverableError(text);
  } finally {
    clearInterval(heartbeat);
    clearJobInterrupt(job.queueName, externalId);
  }
}
