import "server-only";
import { Redis } from "ioredis";
import { endTrainedModel, findJobByExternalId, getPrisma, updateJob } from "@alchemist/db";
import { QUEUES, cancelChannel } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { getQueue } from "@/features/jobs";
import { AppError } from "@/lib/app-error";

const holder = globalThis as { __alchemistCancelPublisher?: Redis };

/** One Redis connection per process for cancel messages (kept across hot reloads). */
function publisher(): Redis {
  holder.__alchemistCancelPublisher ??= new Redis(getEnv().REDIS_URL, { maxRetriesPerRequest: 2 });
  return holder.__alchemistCancelPublisher;
}

/**
 * Cancels a model's training: a job still waiting is removed from the queue and marked CANCELLED
 * here; an active one is asked to stop on the queue's cancel channel (the worker terminates the
 * training thread and marks the model CANCELLED, keeping its loss curve so far).
 *
 * @example
 * await cancelTraining(projectId, modelId, "by Ada");
 */
export async function cancelTraining(projectId: string, modelId: string, reason: string): Promise<void> {
  const db = getPrisma();
  const model = await db.trainedModel.findUnique({ where: { id: modelId }, select: { projectId: true, status: true } });
  if (!model || model.projectId !== projectId) throw new AppError("NOT_FOUND", `model ${modelId} is not in this project`);
  if (model.status !== "QUEUED" && model.status !== "RUNNING")
    throw new AppError("CONFLICT", `model ${modelId} is ${model.status.toLowerCase()}: nothing to cancel`);
  const queue = getQueue(QUEUES.trainModel);
  const job = await queue.getJob(modelId);
  const row = await findJobByExternalId(db, QUEUES.trainModel, modelId);
  if (!job || (await job.isWaiting()) || (await job.isDelayed())) {
    await job?.remove().catch(() => undefined);
    await endTrainedModel(db, modelId, "CANCELLED", `cancelled: ${reason}`);
    if (row) await updateJob(db, row.id, { status: "CANCELLED", error: `cancelled: ${reason}`, stage: "cancelled" });
    return;
  }
  await publisher().publish(cancelChannel(QUEUES.trainModel, getEnv().QUEUE_PREFIX), JSON.stringify({ jobId: modelId, reason }));
}
