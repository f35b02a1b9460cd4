import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { UploadId } from "./import-dataset-payload";
import { parsePayload } from "./parse-payload";

/**
 * What an export writes: labels with probabilities (`csv`, `jsonl`), Label Studio tasks with
 * predictions (`label-studio`) and the labeling config they match (`label-studio-config`), the run's programs as source files (`programs-zip`), or the
 * run's trained model (`onnx`).
 */
export const ExportFormat = z.enum(["csv", "jsonl", "label-studio", "label-studio-config", "programs-zip", "onnx"]);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The file extension of each export format. */
export const EXPORT_EXTENSIONS: Record<ExportFormat, string> = {
  csv: "csv",
  jsonl: "jsonl",
  "label-studio": "json",
  "label-studio-config": "xml",
  "programs-zip": "zip",
  onnx: "onnx",
};

/**
 * Payload of an `export` job: ids only. `exportId` (a UUID, also the BullMQ job id) names the
 * output file inside EXPORT_DIR, so a retried job overwrites its own file and nothing else.
 */
export const ExportPayload = z
  .object({
    projectId: EntityId,
    /** The user who asked; the worker re-checks they may still read the project. */
    actorId: ActorId,
    exportId: UploadId,
    runId: EntityId,
    format: ExportFormat,
  })
  .strict();
export type ExportPayload = z.infer<typeof ExportPayload>;

/**
 * Validates an `export` payload, naming the bad fields.
 *
 * @example
 * const { exportId, runId, format } = parseExportPayload(job.data);
 */
export function parseExportPayload(data: unknown): ExportPayload {
  return parsePayload(ExportPayload, "export", data);
}

/**
 * The export's file name inside EXPORT_DIR.
 *
 * @example
 * join(env.EXPORT_DIR, exportFileName(exportId, "csv")); // ".../<uuid>.csv"
 */
export function exportFileName(exportId: string, format: ExportFormat): string {
  UploadId.parse(exportId);
  return `${exportId}.${EXPORT_EXTENSIONS[ExportFormat.parse(format)]}`;
}
