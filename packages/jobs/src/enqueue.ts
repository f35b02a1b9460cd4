import type { JobsOptions } from "bullmq";
import { jobDefinition, jobOptions, parseJobPayload, type JobDefinition, type JobInput, type JobPayload, type TrackedQueueName } from "./job-registry";

/** A Job row as `enqueue` needs it; packages/db's `jobRows(db)` returns the whole Prisma row. */
export interface JobRowRef {
  readonly id: string;
  readonly status: string;
}

/** The Job table as `enqueue` needs it (packages/db implements it: `jobRows(db)`). */
export interface JobRows<Row extends JobRowRef> {
  /**
   * The row of (queue, externalId), created QUEUED with the payload unless one to reuse exists
   * (`reuse`: any row, or only one still QUEUED or RUNNING), atomically: two callers racing get
   * the same row and exactly one of them `created: true`.
   */
  claim(input: {
    projectId: string;
    runId: string | null;
    queue: string;
    externalId: string;
    payload: object;
    reuse: "any" | "active";
  }): Promise<{ row: Row; created: boolean }>;
  /** Marks a row FAILED (the queue refused the job). */
  fail(id: string, error: string): Promise<void>;
}

/** The part of a BullMQ `Queue` `enqueue` uses. */
export interface JobQueue {
  readonly name: string;
  add(name: string, data: object, options: JobsOptions): Promise<unknown>;
  getJob(id: string): Promise<{ getState(): Promise<string>; remove(): Promise<void> } | undefined | null>;
}

export interface Enqueued<Q extends TrackedQueueName, Row extends JobRowRef> {
  /** The job's Job row (new, or the one reused). */
  readonly row: Row;
  readonly jobId: string;
  readonly payload: JobPayload<Q>;
  /** A new Job row was written. */
  readonly created: boolean;
  /** The job was handed to BullMQ now; false when its id was already waiting or running (`rerun`) or done (`once`). */
  readonly added: boolean;
}

/** The queue (Redis) refused a job; its Job row has been marked FAILED. `cause` is BullMQ's error. */
export class QueueRefusedError extends Error {
  constructor(queue: string, cause: unknown) {
    super(`could not queue the ${queue} job: ${(cause as Error).message}`, { cause });
    this.name = "QueueRefusedError";
  }
}

/** BullMQ states of a job that has not ended yet. */
const LIVE = new Set(["waiting", "active", "delayed", "prioritized", "waiting-children"]);

/**
 * The one way to queue a tracked job (studio producers, the worker, tests): validates the payload
 * with its queue's schema (an error names the queue and the field; nothing is written), writes
 * its Job row first (with the payload, so the reconciler can re-add it if Redis loses it; the
 * worker always finds the row it reports progress into), then adds the BullMQ job under the same
 * id with the registry's options. When the queue refuses the job the row is marked FAILED and a
 * `QueueRefusedError` is thrown. A job id used before behaves as its job's `repeat` policy says
 * (`JOBS` in job-registry.ts). The default job id is a random UUID.
 *
 * @example
 * const { row } = await enqueue({ queue: getQueue(QUEUES.export), rows: jobRows(db) }, QUEUES.export, payload, { jobId: exportId, runId });
 */
export async function enqueue<Q extends TrackedQueueName, Row extends JobRowRef>(
  ports: { queue: JobQueue; rows: JobRows<Row> },
  queue: Q,
  input: JobInput<Q>,
  options: { jobId?: string; runId?: string | null } = {},
): Promise<Enqueued<Q, Row>> {
  const definition: JobDefinition = jobDefinition(queue);
  if (!definition.tracked) throw new Error(`${queue} jobs have no Job row: add them with jobOptions(), not enqueue()`);
  if (ports.queue.name !== queue) throw new Error(`enqueue: the "${queue}" job was given the "${ports.queue.name}" queue`);
  const payload = parseJobPayload(queue, input);
  const jobId = options.jobId ?? globalThis.crypto.randomUUID();
  const claim = (reuse: "any" | "active") =>
    ports.rows.claim({
      projectId: (payload as { projectId: string }).projectId,
      runId: options.runId ?? null,
      queue,
      externalId: jobId,
      payload: payload as object,
      reuse,
    });
  if (definition.repeat === "once") {
    const { row, created } = await claim("any");
    if (!created) return { row, jobId, payload, created, added: false };
    return add(ports, queue, payload, jobId, row, created);
  }
  if (definition.repeat === "rerun") {
    const existing = await ports.queue.getJob(jobId);
    if (existing) {
      if (LIVE.has(await existing.getState())) {
        const { row, created } = await claim("active");
        return { row, jobId, payload, created, added: false };
      }
      await existing.remove();
    }
  }
  const { row, created } = await claim("active");
  return add(ports, queue, payload, jobId, row, created);
}

async function add<Q extends TrackedQueueName, Row extends JobRowRef>(
  ports: { queue: JobQueue; rows: JobRows<Row> },
  queue: Q,
  payload: JobPayload<Q>,
  jobId: string,
  row: Row,
  created: boolean,
): Promise<Enqueued<Q, Row>> {
  try {
    await ports.queue.add(queue, payload as object, jobOptions(queue, jobId));
  } catch (error) {
    await ports.rows.fail(row.id, `could not queue the job: ${(error as Error).message}`);
    throw new QueueRefusedError(queue, error);
  }
  return { row, jobId, payload, created, added: true };
}
