import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { UploadFormat, UploadId } from "./import-dataset-payload";
import { parsePayload } from "./parse-payload";

const id = EntityId;
const fileName = z.string().min(1).max(255);

/** Formats of a predict job's output: CSV `id,label,p_<class>...` or JSONL. */
export const PredictOutputFormat = z.enum(["csv", "jsonl"]);
export type PredictOutputFormat = z.infer<typeof PredictOutputFormat>;

/**
 * Payload of a `predict` job: the ids of an uploaded `model.onnx` and an uploaded data file in the
 * shared upload folder, plus how to read the data (ids and configuration, never rows). The input
 * field(s) come from the model's metadata.
 */
export const PredictPayload = z
  .object({
    projectId: id,
    /** The user who asked; the worker re-checks they may still read the project. */
    actorId: ActorId,
    modelUploadId: UploadId,
    dataUploadId: UploadId,
    dataFormat: UploadFormat,
    /** Original file names, for messages. */
    modelFileName: fileName.default("model.onnx"),
    dataFileName: fileName,
    /** Column holding row ids (otherwise the row number). */
    idField: z.string().min(1).max(200).optional(),
    /**
     * Column mapping: model input field -> the data file's column holding it (the Label new data
     * form's mapping); an input not listed is read from the column of its own name.
     */
    inputColumns: z.record(z.string().min(1).max(200), z.string().min(1).max(200)).optional(),
    /** Column names for a file without a header row. */
    columns: z.array(z.string().min(1).max(200)).min(1).max(500).optional(),
    outputFormat: PredictOutputFormat.default("csv"),
  })
  .strict();
export type PredictPayload = z.infer<typeof PredictPayload>;

/** What a `predict` job stores in Job.result: where its labels file is and a summary. */
export interface PredictResult extends Record<string, unknown> {
  /** Upload id of the labels file (`uploadFileName(resultUploadId, format)`). */
  readonly resultUploadId: string;
  readonly format: PredictOutputFormat;
  readonly rows: number;
  readonly classNames: string[];
  /** Rows per predicted class, in class order. */
  readonly counts: number[];
}

/**
 * Validates a `predict` payload, naming the bad fields.
 *
 * @example
 * const { modelUploadId, dataUploadId } = parsePredictPayload(job.data);
 */
export function parsePredictPayload(data: unknown): PredictPayload {
  return parsePayload(PredictPayload, "predict", data);
}

/**
 * The file name of an uploaded ONNX model inside the upload folder; throws for anything but a UUID.
 *
 * @example
 * join(env.UPLOAD_DIR, modelUploadFileName(modelUploadId)); // ".../3f2a...e1.onnx"
 */
export function modelUploadFileName(uploadId: string): string {
  UploadId.parse(uploadId);
  return `${uploadId}.onnx`;
}

/**
 * What "Label new data" answers for an image model (it reads CLIP image embeddings, which the
 * predict job does not compute from pictures): what the model is, and the two ways to label new
 * pictures instead. The web says it before queuing anything; the worker says it for an uploaded one.
 *
 * @example
 * throw new Error(imageModelPredictRefusal("model.onnx"));
 */
export function imageModelPredictRefusal(modelName: string): string {
  return (
    `${modelName} is an image model (its input is CLIP image embeddings, not columns of a table), and "Label new data" cannot label pictures. ` +
    `To label new pictures, upload them as an image dataset of this project (Data, a .zip of pictures) and apply the programs, then download the labels from Exports; ` +
    `or run the model's ONNX yourself on the pictures' CLIP image embeddings (input "image_embeds").`
  );
}
