import "server-only";
import { randomUUID } from "node:crypto";
import { jobOptions, parseJobPayload, type JobInput, type QueueName } from "@alchemist/jobs";
import { AppError } from "@/lib/app-error";
import { getQueue, getQueueEvents } from "./get-queue";

/**
 * Adds a short job (preview, try) and waits for its result; the job's error message becomes a
 * 400, no answer within `waitMs` a 503 that points at the worker.
 *
 * @example
 * const preview = await runAndWait<typeof QUEUES.previewUpload, PreviewUploadResult>(QUEUES.previewUpload, payload, 30_000);
 */
export async function runAndWait<Q extends QueueName, T>(queue: Q, payload: JobInput<Q>, waitMs: number): Promise<T> {
  let data;
  try {
    data = parseJobPayload(queue, payload);
  } catch (error) {
    throw new AppError("BAD_REQUEST", (error as Error).message);
  }
  const events = await getQueueEvents(queue);
  let job;
  try {
    job = await getQueue(queue).add(queue, data, jobOptions(queue, randomUUID()));
  } catch (error) {
    throw new AppError("UNAVAILABLE", `the job queue (Redis) is not reachable: ${(error as Error).message}`);
  }
  try {
    return (await job.waitUntilFinished(events, waitMs)) as T;
  } catch (error) {
    const message = (error as Error).message;
    if (/timed out/i.test(message)) throw new AppError("UNAVAILABLE", `no answer after ${waitMs / 1000} s: is the worker running (npm run dev)?`);
    throw new AppError("BAD_REQUEST", message);
  }
}
