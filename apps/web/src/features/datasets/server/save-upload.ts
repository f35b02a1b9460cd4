import "server-only";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { getPrisma } from "@alchemist/db";
import { QUEUES, uploadFileName, type PreviewUploadResult } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { uploadFormat } from "../upload-format";
import { runAndWait } from "@/features/jobs/server/run-and-wait";
import { guessMapping } from "../guess-mapping";
import type { UploadPreview } from "../upload-preview";

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/**
 * Streams an uploaded file to the upload folder (never buffered whole in memory), enforcing
 * UPLOAD_MAX_BYTES, then has the worker preview it. The file appears under its final name only once complete
 * and readable; a rejected upload leaves no file behind.
 *
 * @example
 * const preview = await saveUpload(projectId, "sms.csv", request.body, Number(request.headers.get("content-length")));
 */
export async function saveUpload(projectId: string, fileName: string, body: ReadableStream<Uint8Array> | null, declaredBytes: number | null, actorId?: string): Promise<UploadPreview> {
  const { UPLOAD_DIR, UPLOAD_MAX_BYTES } = getEnv();
  const format = uploadFormat(fileName);
  if (!format) throw new AppError("UNSUPPORTED", `${fileName}: upload a .csv, .tsv or .jsonl file`);
  if (!(await getPrisma().project.findUnique({ where: { id: projectId }, select: { id: true } }))) throw new AppError("NOT_FOUND", `project ${projectId} does not exist`);
  if (!body) throw new AppError("BAD_REQUEST", `${fileName}: the request has no file content`);
  if (declaredBytes !== null && declaredBytes > UPLOAD_MAX_BYTES) throw new AppError("TOO_LARGE", `${fileName} is ${mib(declaredBytes)}; the limit is ${mib(UPLOAD_MAX_BYTES)}`);
  await mkdir(UPLOAD_DIR, { recursive: true });
  const uploadId = randomUUID();
  const path = join(UPLOAD_DIR, uploadFileName(uploadId, format));
  const partial = `${path}.part`;
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > UPLOAD_MAX_BYTES ? new AppError("TOO_LARGE", `${fileName} is over the ${mib(UPLOAD_MAX_BYTES)} limit`) : null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream), limit, createWriteStream(partial));
    if (bytes === 0) throw new AppError("BAD_REQUEST", `${fileName} is empty`);
    await rename(partial, path);
    // The worker parses with the engine's readers, so the preview matches what the import will read.
    const preview = await runAndWait<PreviewUploadResult>(QUEUES.previewUpload, { uploadId, format, fileName, ...(actorId ? { actorId } : {}) }, 30_000);
    return { ...preview, uploadId, format, fileName, bytes, guess: guessMapping(preview.columns, preview.rows) };
  } catch (error) {
    await Promise.all([rm(partial, { force: true }), rm(path, { force: true })]);
    throw error;
  }
}
