import { randomBytes } from "node:crypto";
import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import type { ProgramRunner } from "@alchemist/engine";
import { createLocalRunner } from "@alchemist/engine/node";
import { createTestDatabase, type TestDatabase } from "@alchemist/db/testing";
import { QUEUES } from "@alchemist/jobs";
import { afterAll, beforeAll } from "vitest";
import { createRedisConnection } from "../redis-connection";
import { createApplyProgramsWorker, type ApplyProgramsWorker } from "./create-apply-programs-worker";

/** A test file's apply stack; its fields are set once the file's `beforeAll` has run. */
export interface ApplyStack {
  db: TestDatabase;
  runner: ProgramRunner;
  applier: ApplyProgramsWorker;
  /** The apply-programs queue (enqueueApply adds to it) and its events (`waitUntilFinished`). */
  queue: Queue;
  events: QueueEvents;
  /** The workers' Redis connection (publish cancels on it). */
  readonly connection: Redis;
  /** This file's queue prefix, so parallel test files never share jobs. */
  readonly prefix: string;
}

/**
 * Test helper: a fresh test database, a local runner and the apply queues' workers on Redis
 * (REDIS_URL) under a prefix of this file's own, started before the file's tests and torn down
 * after them.
 *
 * @example
 * const stack = useApplyStack({ poolSize: 1, rowTimeoutMs: 2000 });
 * it("applies", async () => { const { jobId } = await enqueueApply(stack.queue, stack.db.prisma, payload); });
 */
export function useApplyStack(runner: { poolSize: number; rowTimeoutMs: number }): ApplyStack {
  const url = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  const prefix = `alchemist-test-${randomBytes(4).toString("hex")}`;
  const stack = { connection: createRedisConnection(url), prefix } as ApplyStack;
  beforeAll(async () => {
    stack.db = await createTestDatabase();
    stack.runner = createLocalRunner(runner);
    stack.applier = await createApplyProgramsWorker({ db: stack.db.prisma, runner: stack.runner, connection: stack.connection, prefix });
    stack.queue = new Queue(QUEUES.applyPrograms, { connection: { url }, prefix });
    stack.events = new QueueEvents(QUEUES.applyPrograms, { connection: { url }, prefix });
    await stack.events.waitUntilReady();
  });
  afterAll(async () => {
    await stack.applier?.close(true);
    await stack.queue?.obliterate({ force: true });
    await Promise.all([stack.queue?.close(), stack.events?.close(), stack.runner?.close()]);
    await stack.connection.quit();
    await stack.db?.drop();
  });
  return stack;
}
