import type { DatasetUploadFormat, UploadFormat } from "@alchemist/jobs";

/**
 * The upload format of a file name by its extension, or null for anything unsupported.
 *
 * @example
 * uploadFormat("sms.tsv"); // "tsv"
 */
export function uploadFormat(fileName: string): UploadFormat | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (ext === "csv" || ext === "txt") return "csv";
  if (ext === "tsv" || ext === "tab") return "tsv";
  if (ext === "jsonl" || ext === "ndjson" || ext === "json") return "jsonl";
  return null;
}

/**
 * The format of a dataset upload: a text format by extension, `zip` (a zipped WRENCH folder) or
 * `parquet`. A `.json` file reads as JSON Lines here; the server looks at its first character
 * once stored (`[`: a Label Studio export, see `sniffJsonUpload`).
 *
 * @example
 * datasetUploadFormat("youtube.zip"); // "zip"
 */
export function datasetUploadFormat(fileName: string): DatasetUploadFormat | null {
  if (/\.(parquet|pq)$/i.test(fileName.trim())) return "parquet";
  return /\.zip$/i.test(fileName.trim()) ? "zip" : uploadFormat(fileName);
}
