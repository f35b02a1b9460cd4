import "server-only";
import { getPrisma } from "@alchemist/db";
import { QUEUES, type QueueName } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { cancelJobCore, type CancelOutcome } from "./cancel-job-core";
import { getQueue, getRedis } from "./get-queue";

const known = new Set<string>(Object.values(QUEUES));

/**
 * Cancels one of the project's queued or running jobs on behalf of `userId` (see cancelJobCore).
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
