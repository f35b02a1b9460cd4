import "server-only";
import { randomUUID } from "node:crypto";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { getPrisma } from "@alchemist/db";
import { LABEL_STUDIO_ANNOTATION_COLUMN } from "@alchemist/engine";
import { QUEUES, uploadFileName, type PreviewUploadResult, type UploadEncoding } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { datasetUploadFormat } from "../upload-format";
import { writeUploadFile } from "./write-upload-file";
import { sniffJsonUpload } from "./sniff-json-upload";
import { runAndWait } from "@/features/jobs";
import { guessMapping } from "../guess-mapping";
import type { UploadPreview } from "../upload-preview";

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Streams an uploaded file to the upload folder (never buffered whole in memory), enforcing
 * UPLOAD_MAX_BYTES, then has the worker preview it. The file appears under its final name only once complete
 * and readable; a rejected upload leaves no file behind.
 *
 * @example
 * const preview = await saveUpload(projectId, "sms.csv", request.body, Number(request.headers.get("content-length")), actor.userId);
 */
export async function saveUpload(
  projectId: string,
  fileName: string,
  body: ReadableStream<Uint8Array> | null,
  declaredBytes: number | null,
  actorId: string,
  encoding: UploadEncoding = "auto",
  header = true,
): Promise<UploadPreview> {
  const { UPLOAD_DIR, UPLOAD_MAX_BYTES } = getEnv();
  const byName = datasetUploadFormat(fileName);
  if (!byName)
    throw new AppError(
      "UNSUPPORTED",
      `${fileName}: upload a .csv, .tsv, .jsonl or .parquet file, a Label Studio JSON export, or a .zip of a WRENCH dataset folder`,
    );
  let format = byName;
  if (!(await getPrisma().project.findUnique({ where: { id: projectId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", `project ${projectId} does not exist`);
  if (!body) throw new AppError("BAD_REQUEST", `${fileName}: the request has no file content`);
  if (declaredBytes !== null && declaredBytes > UPLOAD_MAX_BYTES)
    throw new AppError("TOO_LARGE", `${fileName} is ${mib(declaredBytes)}; the limit is ${mib(UPLOAD_MAX_BYTES)}`);
  await mkdir(UPLOAD_DIR, { recursive: true });
  const uploadId = randomUUID();
  let path = join(UPLOAD_DIR, uploadFileName(uploadId, format));
  try {
    const bytes = await writeUploadFile(body, path, { maxBytes: UPLOAD_MAX_BYTES, fileName });
    if (format === "jsonl" && (await sniffJsonUpload(path, fileName)) === "label-studio") {
      format = "label-studio";
      const renamed = join(UPLOAD_DIR, uploadFileName(uploadId, format));
      await rename(path, renamed);
      path = renamed;
    }
    // The worker parses with the engine's readers, so the preview matches what the import will read.
    const preview = await runAndWait<typeof QUEUES.previewUpload, PreviewUploadResult>(
      QUEUES.previewUpload,
      { uploadId, format, encoding, header, fileName, actorId },
      60_000,
    );
    const guess = guessMapping(preview.columns, preview.rows);
    return {
      ...preview,
      uploadId,
      format,
      encoding,
      fileName,
      bytes,
      guess: format === "label-studio" ? { ...guess, label: LABEL_STUDIO_ANNOTATION_COLUMN, split: null, id: null } : guess,
    };
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
}
