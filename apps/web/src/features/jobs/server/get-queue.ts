import "server-only";
import { Queue, QueueEvents } from "bullmq";
import { Redis } from "ioredis";
import type { QueueName } from "@alchemist/jobs";
import { getEnv } from "@/env";

const holder = globalThis as { __alchemistQueues?: Map<string, Queue>; __alchemistEvents?: Map<string, QueueEvents>; __alchemistRedis?: Redis };

/** The process-wide producer connection (fails fast while Redis is down); also publishes cancels. */
export function getRedis(): Redis {
  // Producers fail fast when Redis is down instead of hanging the request.
  holder.__alchemistRedis ??= new Redis(getEnv().REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: false, lazyConnect: false });
  return holder.__alchemistRedis;
}

/**
 * The process-wide BullMQ producer for a queue, on `QUEUE_PREFIX` (kept on globalThis across hot reloads).
 *
 * @example
 * await getQueue(QUEUES.importDataset).add(QUEUES.importDataset, payload);
 */
export function getQueue(name: QueueName): Queue {
  holder.__alchemistQueues ??= new Map();
  let queue = holder.__alchemistQueues.get(name);
  if (!queue) {
    queue = new Queue(name, { connection: getRedis(), prefix: getEnv().QUEUE_PREFIX });
    holder.__alchemistQueues.set(name, queue);
  }
  return queue;
}

/**
 * The process-wide QueueEvents listener of a queue (for `job.waitUntilFinished`).
 *
 * @example
 * const result = await job.waitUntilFinished(await getQueueEvents(QUEUES.tryProgram), 60_000);
 */
export async function getQueueEvents(name: QueueName): Promise<QueueEvents> {
  holder.__alchemistEvents ??= new Map();
  let events = holder.__alchemistEvents.get(name);
  if (!events) {
    events = new QueueEvents(name, { connection: { url: getEnv().REDIS_URL }, prefix: getEnv().QUEUE_PREFIX });
    holder.__alchemistEvents.set(name, events);
    await events.waitUntilReady();
  }
  return events;
}
