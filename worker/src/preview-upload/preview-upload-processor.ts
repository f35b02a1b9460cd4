import { UnrecoverableError, type Job } from "bullmq";
import { parsePreviewUploadPayload, type PreviewUploadResult } from "@alchemist/jobs";
import { previewUploadService } from "./preview-upload-service";

/**
 * The BullMQ processor of `preview-upload`: a short job whose result the web reads back from
 * BullMQ (the web never parses files itself, so it bundles none of the engine's Node readers).
 *
 * @example
 * new Worker(QUEUES.previewUpload, createPreviewUploadProcessor({ uploadDir }), { connection });
 */
export function createPreviewUploadProcessor(deps: { uploadDir: string }) {
  return async (job: Job): Promise<PreviewUploadResult> => {
    try {
      return await previewUploadService(parsePreviewUploadPayload(job.data), deps.uploadDir);
    } catch (error) {
      throw new UnrecoverableError((error as Error).message);
    }
  };
}
