import type { Db } from "../client";

/** One point of a training loss curve. */
export interface LossPoint {
  readonly epoch: number;
  readonly loss: number;
  readonly devAccuracy: number | null;
}

/** The columns of a trained model that pages show (everything but the ONNX bytes). */
const SUMMARY = {
  id: true,
  projectId: true,
  runId: true,
  status: true,
  lossCurve: true,
  metrics: true,
  config: true,
  classNames: true,
  onnxBytes: true,
  error: true,
  createdById: true,
  createdAt: true,
  finishedAt: true,
} as const;

/**
 * Creates a QUEUED trained model for a run (the `train-model` job fills it in).
 *
 * @example
 * const model = await createTrainedModel(prisma, { projectId, runId, createdById: actor.userId });
 */
export async function createTrainedModel(db: Db, input: { projectId: string; runId: string; createdById?: string | null; config?: object }) {
  const run = await db.run.findUnique({ where: { id: input.runId }, select: { projectId: true } });
  if (!run || run.projectId !== input.projectId) throw new Error(`run ${input.runId} is not in project ${input.projectId}`);
  return db.trainedModel.create({
    data: { projectId: input.projectId, runId: input.runId, createdById: input.createdById ?? null, config: (input.config ?? {}) as object },
    select: SUMMARY,
  });
}

/** A trained model without its ONNX bytes, or null. */
export async function getTrainedModel(db: Db, id: string) {
  return db.trainedModel.findUnique({ where: { id }, select: SUMMARY });
}

/** A project's trained models without ONNX bytes, newest first. */
export async function listTrainedModels(db: Db, projectId: string, options: { runId?: string; take?: number } = {}) {
  return db.trainedModel.findMany({
    where: { projectId, ...(options.runId ? { runId: options.runId } : {}) },
    orderBy: { createdAt: "desc" },
    take: options.take ?? 50,
    select: SUMMARY,
  });
}

/** The project's newest SUCCEEDED trained model (without bytes), or null. */
export async function latestTrainedModel(db: Db, projectId: string) {
  return db.trainedModel.findFirst({ where: { projectId, status: "SUCCEEDED" }, orderBy: { createdAt: "desc" }, select: SUMMARY });
}

/** The ONNX bytes of a finished model of the project, or null (absent, other project, or not finished). */
export async function readTrainedModelOnnx(db: Db, projectId: string, id: string): Promise<{ bytes: Uint8Array; runId: string; createdAt: Date } | null> {
  const row = await db.trainedModel.findUnique({ where: { id }, select: { projectId: true, onnx: true, runId: true, createdAt: true } });
  if (!row || row.projectId !== projectId || !row.onnx) return null;
  return { bytes: row.onnx, runId: row.runId, createdAt: row.createdAt };
}

/**
 * Marks a model RUNNING with an empty loss curve (a retried job starts its curve again).
 *
 * @example
 * await startTrainedModel(prisma, id);
 */
export async function startTrainedModel(db: Db, id: string) {
  return db.trainedModel.update({ where: { id }, data: { status: "RUNNING", lossCurve: [], error: null, finishedAt: null }, select: { id: true } });
}

/**
 * Stores the loss curve so far (the whole curve: writes are idempotent and order-free).
 *
 * @example
 * await setTrainedModelCurve(prisma, id, history);
 */
export async function setTrainedModelCurve(db: Db, id: string, curve: readonly LossPoint[]) {
  return db.trainedModel.update({ where: { id }, data: { lossCurve: curve as unknown as object[] }, select: { id: true } });
}

/**
 * Stores a finished model: ONNX bytes, test metrics, config and class names; status SUCCEEDED.
 *
 * @example
 * await finishTrainedModel(prisma, id, { onnx, metrics, config, classNames, lossCurve });
 */
export async function finishTrainedModel(
  db: Db,
  id: string,
  input: { onnx: Uint8Array; metrics: object; config: object; classNames: readonly string[]; lossCurve: readonly LossPoint[] },
) {
  return db.trainedModel.update({
    where: { id },
    data: {
      status: "SUCCEEDED",
      onnx: new Uint8Array(input.onnx),
      onnxBytes: input.onnx.byteLength,
      metrics: input.metrics,
      config: input.config,
      classNames: [...input.classNames],
      lossCurve: input.lossCurve as unknown as object[],
      finishedAt: new Date(),
      error: null,
    },
    select: { id: true },
  });
}

/**
 * Marks a model FAILED or CANCELLED with the reason; the loss curve so far is kept.
 *
 * @example
 * await endTrainedModel(prisma, id, "CANCELLED", "cancelled: by a user");
 */
export async function endTrainedModel(db: Db, id: string, status: "FAILED" | "CANCELLED", error: string) {
  return db.trainedModel.update({ where: { id }, data: { status, error: error.slice(0, 2000), finishedAt: new Date() }, select: { id: true } });
}
