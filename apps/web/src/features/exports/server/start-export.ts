import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getPrisma, getRun } from "@alchemist/db";
import { ExportFormat, ExportPayload, QUEUES } from "@alchemist/jobs";
import { AppError } from "@/lib/app-error";
import { enqueueJob } from "@/features/jobs";

/** What starting an export takes. */
export const StartExportInput = z.object({
  projectId: z.string().min(1).max(64),
  runId: z.string().min(1, "Pick a run").max(64),
  format: ExportFormat,
});
export type StartExportInput = z.infer<typeof StartExportInput>;

/**
 * Queues an export of a run of the project; the export id (a fresh UUID) is also the BullMQ
 * job id and names the file, so the download link is known as soon as it is queued.
 *
 * @example
 * const { exportId, jobId } = await startExport({ projectId, runId, format: "csv" }, actor.userId);
 */
export async function startExport(input: StartExportInput, actorId: string): Promise<{ exportId: string; jobId: string }> {
  const run = await getRun(getPrisma(), input.runId);
  if (!run || run.projectId !== input.projectId) throw new AppError("NOT_FOUND", `run ${input.runId} is not in this project`);
  const exportId = randomUUID();
  const payload = ExportPayload.parse({ projectId: input.projectId, actorId, exportId, runId: run.id, format: input.format });
  const { row } = await enqueueJob(QUEUES.export, payload, { runId: run.id, jobId: exportId });
  return { exportId, jobId: row.id };
}
