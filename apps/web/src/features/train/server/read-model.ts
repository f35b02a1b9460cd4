import "server-only";
import { getPrisma, getTrainedModel, readTrainedModelOnnx } from "@alchemist/db";
import { AppError } from "@/lib/app-error";
import { toTrainedModelView, type TrainedModelView } from "../model-view";

/**
 * One trained model of the project as the Train page polls it; AppError NOT_FOUND otherwise.
 *
 * @example
 * const model = await readModelView(projectId, modelId);
 */
export async function readModelView(projectId: string, modelId: string): Promise<TrainedModelView> {
  const row = await getTrainedModel(getPrisma(), modelId);
  if (!row || row.projectId !== projectId) throw new AppError("NOT_FOUND", `model ${modelId} is not in this project`);
  return toTrainedModelView(row);
}

/**
 * The ONNX download of a finished model: the bytes with a file name naming the project's model
 * and its date; AppError NOT_FOUND for unknown or unfinished models.
 *
 * @example
 * return onnxDownloadResponse(projectId, modelId);
 */
export async function onnxDownloadResponse(projectId: string, modelId: string): Promise<Response> {
  const found = await readTrainedModelOnnx(getPrisma(), projectId, modelId);
  if (!found) throw new AppError("NOT_FOUND", `model ${modelId} has no ONNX file (unknown, or not finished training)`);
  const stamp = found.createdAt.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  const body = new Uint8Array(found.bytes);
  return new Response(body, {
    headers: {
      "content-type": "application/octet-stream",
      "content-length": String(body.byteLength),
      "content-disposition": `attachment; filename="model-${stamp}-${modelId.slice(-8)}.onnx"`,
      "cache-control": "private, max-age=0, no-store",
    },
  });
}
