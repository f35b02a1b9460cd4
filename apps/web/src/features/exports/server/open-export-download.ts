import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { findExportJob, getPrisma } from "@alchemist/db";
import { ExportFormat, UploadId, exportFileName } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
  "label-studio": "application/json; charset=utf-8",
  "label-studio-config": "application/xml; charset=utf-8",
  "programs-zip": "application/zip",
  onnx: "application/octet-stream",
};

/**
 * The download response of a finished export of the project: the file streamed from
 * EXPORT_DIR (never read whole into memory) as an attachment. The path comes from the export
 * id (a UUID) and format, never from the request.
 *
 * @example
 * return openExportDownload(projectId, exportId);
 */
export async function openExportDownload(projectId: string, exportId: string): Promise<Response> {
  if (!UploadId.safeParse(exportId).success) throw new AppError("NOT_FOUND", `export ${exportId} does not exist`);
  const job = await findExportJob(getPrisma(), projectId, exportId);
  if (!job) throw new AppError("NOT_FOUND", `export ${exportId} does not exist`);
  if (job.status !== "SUCCEEDED")
    throw new AppError(
      "CONFLICT",
      job.status === "FAILED"
        ? `export ${exportId} failed: ${job.error ?? "unknown error"}`
        : `export ${exportId} is not finished yet (${job.status.toLowerCase()})`,
    );
  const result = (job.result ?? {}) as { format?: string; downloadName?: string };
  const format = ExportFormat.safeParse(result.format);
  if (!format.success) throw new AppError("NOT_FOUND", `export ${exportId} has no file`);
  const path = join(getEnv().EXPORT_DIR, exportFileName(exportId, format.data));
  const size = await stat(path).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) throw new AppError("NOT_FOUND", `the file of export ${exportId} is gone; start the export again`);
  const name = (result.downloadName ?? `export.${format.data}`).replace(/[^A-Za-z0-9._-]/g, "_");
  return new Response(Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": CONTENT_TYPES[format.data],
      "Content-Length": String(size),
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
