import "server-only";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { getJob, getPrisma } from "@alchemist/db";
import { QUEUES, uploadFileName, type PredictResult } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";

/**
 * The labels file of a finished `predict` job as a streaming download Response (CSV
 * `id,label,p_<class>...` or JSONL). 404 for an unknown job or one of another project, 409 while
 * it is still running (naming its stage), 400 with the job's error when it failed.
 *
 * @example
 * return await predictResultResponse(projectId, jobId);
 */
export async function predictResultResponse(projectId: string, jobId: string, headers: Record<string, string> = {}): Promise<Response> {
  const job = /^[A-Za-z0-9_-]{1,64}$/.test(jobId) ? await getJob(getPrisma(), jobId) : null;
  if (!job || job.projectId !== projectId || job.queue !== QUEUES.predict) throw new AppError("NOT_FOUND", `project ${projectId} has no predict job ${jobId}`);
  if (job.status === "FAILED") throw new AppError("BAD_REQUEST", `the predict job failed: ${job.error ?? "no message"}`);
  if (job.status !== "SUCCEEDED")
    throw new AppError("CONFLICT", `the predict job is ${job.status.toLowerCase()} (${job.stage ?? "waiting"}, ${job.progress}%); try again shortly`);
  const result = job.result as PredictResult;
  const path = join(getEnv().UPLOAD_DIR, uploadFileName(result.resultUploadId, result.format));
  const size = await stat(path).then(
    (s) => s.size,
    () => null,
  );
  if (size === null) throw new AppError("NOT_FOUND", `the labels file of job ${jobId} is gone; label the data again`);
  const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      "content-type": result.format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="labels-${jobId}.${result.format}"`,
      "content-length": String(size),
      "cache-control": "no-store",
      "x-job-id": jobId,
      ...headers,
    },
  });
}
