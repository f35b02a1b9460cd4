import "server-only";
import { createTrainedModel, getPrisma } from "@alchemist/db";
import { QUEUES, TrainModelPayload } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { enqueueJob } from "@/features/jobs";
import { AppError } from "@/lib/app-error";

/**
 * "Train": creates a QUEUED TrainedModel for a finished run and queues the `train-model` job that
 * distils it (the worker fits the label model first when the run has no pseudolabels). One
 * training at a time per run.
 *
 * @example
 * const { modelId } = await startTraining({ projectId, runId, actorId: actor.userId });
 */
export async function startTraining(input: {
  projectId: string;
  runId: string;
  actorId: string;
  epochs?: number;
  /** Image projects: what the model reads; unset, the run's settings decide (the worker). */
  imageFeatures?: "embeddings" | "scores" | "both" | undefined;
}): Promise<{ modelId: string; jobId: string }> {
  getEnv();
  const db = getPrisma();
  const run = await db.run.findUnique({ where: { id: input.runId }, select: { projectId: true, status: true } });
  if (!run || run.projectId !== input.projectId) throw new AppError("NOT_FOUND", `run ${input.runId} is not in this project`);
  if (run.status !== "SUCCEEDED") throw new AppError("CONFLICT", `run ${input.runId} is ${run.status.toLowerCase()}: train from a finished run`);
  const active = await db.trainedModel.findFirst({ where: { runId: input.runId, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true } });
  if (active) throw new AppError("CONFLICT", "A model of this run is already training; wait for it to finish or cancel its job");
  // The settings it trains with are stored from the start, so its name says what changed while it still trains.
  const settings = TrainModelPayload.pick({ epochs: true, hidden: true, tfidfDimension: true, seed: true, imageFeatures: true }).parse({
    ...(input.epochs ? { epochs: input.epochs } : {}),
    ...(input.imageFeatures ? { imageFeatures: input.imageFeatures } : {}),
  });
  const model = await createTrainedModel(db, { projectId: input.projectId, runId: input.runId, createdById: input.actorId, config: settings });
  const payload = TrainModelPayload.parse({
    projectId: input.projectId,
    runId: input.runId,
    trainedModelId: model.id,
    actorId: input.actorId,
    ...(input.epochs ? { epochs: input.epochs } : {}),
    ...(input.imageFeatures ? { imageFeatures: input.imageFeatures } : {}),
  });
  try {
    // The BullMQ job id is the model id, so the page can cancel a model's job without a lookup.
    const { row } = await enqueueJob(QUEUES.trainModel, payload, { runId: input.runId, jobId: model.id });
    return { modelId: model.id, jobId: row.id };
  } catch (error) {
    await db.trainedModel.update({ where: { id: model.id }, data: { status: "FAILED", error: "could not queue the training job" } });
    throw error;
  }
}
