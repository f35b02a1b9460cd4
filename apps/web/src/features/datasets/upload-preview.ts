import type { DatasetUploadFormat, PreviewUploadResult, UploadEncoding } from "@alchemist/jobs";
import type { MappingGuess } from "./guess-mapping";

/** What the mapping form gets back from an upload: the file, its first records and a mapping guess. */
export interface UploadPreview extends PreviewUploadResult {
  readonly uploadId: string;
  readonly format: DatasetUploadFormat;
  readonly encoding: UploadEncoding;
  readonly fileName: string;
  readonly bytes: number;
  readonly guess: MappingGuess;
}
