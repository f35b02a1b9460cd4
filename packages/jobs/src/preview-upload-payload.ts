import { z } from "zod";
import { DatasetUploadFormat, UploadEncoding, UploadId } from "./import-dataset-payload";
import { ActorId } from "./entity-id";
import { parsePayload } from "./parse-payload";

/** Payload of a `preview-upload` job: which uploaded file to read the first records of. */
export const PreviewUploadPayload = z
  .object({
    uploadId: UploadId,
    format: DatasetUploadFormat,
    encoding: UploadEncoding.default("auto"),
    /** Whether a CSV/TSV's first row is its header. */ header: z.boolean().default(true),
    fileName: z.string().min(1).max(255),
    /** The uploader (previews write nothing to the project). */ actorId: ActorId,
  })
  .strict();
export type PreviewUploadPayload = z.infer<typeof PreviewUploadPayload>;

/** What a `preview-upload` job returns: the columns, the first rows and per-column distinct values. */
export interface PreviewUploadResult {
  readonly columns: string[];
  /** The first rows, cells as text (truncated). */
  readonly rows: Record<string, string>[];
  /** Records read; `more` says whether the file goes on after them. */
  readonly scanned: number;
  readonly more: boolean;
  /**
   * Every data row of the file (CSV, TSV, JSON Lines: counted to the end after the scanned
   * records); absent for other formats or when counting ran out of time (then `scanned`+).
   */
  readonly total?: number;
  /** Distinct values per column in the scanned records, or null when there are too many to be labels. */
  readonly distinct: Record<string, string[] | null>;
  /** How often each distinct value occurs in the scanned records (columns with few distinct values only): the label map's per-class preview. */
  readonly counts: Record<string, Record<string, number> | null>;
  /** Whether the first row was read as the header (CSV/TSV). */
  readonly header: boolean;
  /** Why the header row looks like data (a number, a sentence, a value seen again below), when it does. */
  readonly headerLooksLikeData?: string;
  /** A Label Studio export: the predictions' model versions (imported as programs with their votes). */
  readonly predictions?: string[];
  /** A zip of pictures (an image dataset): how many; its rows are the label file's (or one per picture). */
  readonly images?: number;
}

/**
 * Validates a `preview-upload` payload, naming the bad fields.
 *
 * @example
 * const { uploadId } = parsePreviewUploadPayload(job.data);
 */
export function parsePreviewUploadPayload(data: unknown): PreviewUploadPayload {
  return parsePayload(PreviewUploadPayload, "preview-upload", data);
}
