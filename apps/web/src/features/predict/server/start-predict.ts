import "server-only";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { getPrisma, getJob, latestTrainedModel, readTrainedModelOnnx } from "@alchemist/db";
import { QUEUES, imageModelPredictRefusal, modelUploadFileName, parsePredictPayload, uploadFileName, type PredictResult } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { enqueueJob, getQueue, getQueueEvents } from "@/features/jobs";
import { checkPredictForm } from "../predict-form";
import { storeFormFile } from "./store-form-file";

/** How a predict request ended within the wait: labeled, or still running under `jobId`. */
export type PredictOutcome =
  { readonly state: "done"; readonly jobId: string; readonly result: PredictResult } | { readonly state: "running"; readonly jobId: string };

/**
 * Stores an uploaded model (or, without one, the project's newest trained model) and data file in UPLOAD_DIR under fresh UUIDs, enqueues a tracked
 * `predict` job (the worker runs onnxruntime; the web never loads the engine's Node side) and
 * waits up to `waitMs` for it. A failed job becomes a 400 with the worker's message; a slow one
 * comes back as `running`, its labels downloadable later from the job's result route.
 *
 * @example
 * const outcome = await startPredict(projectId, await request.formData(), 60_000, actor.userId);
 */
export async function startPredict(projectId: string, form: FormData, waitMs: number, actorId: string): Promise<PredictOutcome> {
  const { UPLOAD_DIR, UPLOAD_MAX_BYTES } = getEnv();
  if (!(await getPrisma().project.findUnique({ where: { id: projectId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", `project ${projectId} does not exist`);
  const trained = await latestTrainedModel(getPrisma(), projectId);
  const model = form.get("model");
  const uploaded = model instanceof File && model.size > 0;
  // The project's own model of pictures cannot label a file: say what to do before storing or queuing anything.
  if (!uploaded && trained && (await isImageRunModel(trained.runId)))
    throw new AppError("BAD_REQUEST", imageModelPredictRefusal("The project's newest trained model"));
  const checked = checkPredictForm<File>(
    { model: form.get("model"), data: form.get("data"), format: form.get("format"), idField: form.get("idField"), inputColumns: form.get("inputColumns") },
    UPLOAD_MAX_BYTES,
    { allowNoModel: trained !== null },
  );
  if (!checked.ok) throw new AppError(checked.tooLarge ? "TOO_LARGE" : "BAD_REQUEST", checked.error);
  const { data, dataFormat, outputFormat, idField, inputColumns } = checked.form;
  const modelFile = checked.form.model;
  const modelFileName = modelFile ? modelFile.name : `trained-model-${trained!.id}.onnx`;
  const payload = parsePredictPayload({
    projectId,
    actorId,
    modelUploadId: randomUUID(),
    dataUploadId: randomUUID(),
    dataFormat,
    modelFileName,
    dataFileName: data.name,
    outputFormat,
    ...(idField ? { idField } : {}),
    ...(inputColumns ? { inputColumns } : {}),
  });
  const paths = [join(UPLOAD_DIR, modelUploadFileName(payload.modelUploadId)), join(UPLOAD_DIR, uploadFileName(payload.dataUploadId, dataFormat))] as const;
  await mkdir(UPLOAD_DIR, { recursive: true });
  let job;
  try {
    // Without an uploaded file the project's newest trained model is copied into the upload folder, so the worker reads both the same way.
    if (modelFile) await storeFormFile(modelFile, paths[0], UPLOAD_MAX_BYTES);
    else await writeTrainedModel(projectId, trained!.id, paths[0]);
    await storeFormFile(data, paths[1], UPLOAD_MAX_BYTES);
    job = (await enqueueJob(QUEUES.predict, payload)).row;
  } catch (error) {
    await Promise.all(paths.map((path) => rm(path, { force: true })));
    throw error;
  }
  const bull = await getQueue(QUEUES.predict).getJob(job.externalId!);
  try {
    await bull?.waitUntilFinished(await getQueueEvents(QUEUES.predict), waitMs);
  } catch (error) {
    if (!/timed out/i.test((error as Error).message)) throw new AppError("BAD_REQUEST", (error as Error).message);
  }
  const row = await getJob(getPrisma(), job.id);
  if (row?.status === "FAILED") throw new AppError("BAD_REQUEST", row.error ?? "the predict job failed");
  if (row?.status !== "SUCCEEDED") return { state: "running", jobId: job.id };
  return { state: "done", jobId: job.id, result: row.result as PredictResult };
}

async function writeTrainedModel(projectId: string, modelId: string, path: string): Promise<void> {
  const found = await readTrainedModelOnnx(getPrisma(), projectId, modelId);
  if (!found) throw new AppError("CONFLICT", `trained model ${modelId} has no ONNX bytes`);
  await writeFile(path, found.bytes);
}

/** Whether a run's dataset holds pictures (its models read CLIP image embeddings). */
async function isImageRunModel(runId: string): Promise<boolean> {
  const run = await getPrisma().run.findUnique({ where: { id: runId }, select: { dataset: { select: { kind: true } } } });
  return run?.dataset.kind === "IMAGE";
}
