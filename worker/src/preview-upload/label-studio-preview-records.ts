import { labelStudioRecords, type SourceRecord } from "@alchemist/engine";
import { readLabelStudioJson, readRecordBatches } from "@alchemist/engine/node";
import type { UploadEncoding } from "@alchemist/jobs";
import type { ImportLimits } from "../import-dataset/import-limits";

/**
 * Records of a Label Studio export for the upload preview: each task's data plus `(annotation)`,
 * its gold annotation's raw choice (what the label map maps), and in `found.predictions` the
 * predictions' model versions (the programs the import creates).
 *
 * @example
 * for await (const record of labelStudioPreviewRecords(path, "export.json", "auto", limits, found)) console.log(record.values);
 */
export async function* labelStudioPreviewRecords(
  path: string,
  fileName: string,
  encoding: UploadEncoding,
  limits: ImportLimits,
  found: { predictions?: string[] },
): AsyncGenerator<SourceRecord> {
  const value = await readLabelStudioJson(path, { encoding, limits: limits.reading });
  const { records, predictions } = labelStudioRecords(value, fileName);
  found.predictions = predictions;
  yield* records;
}

/**
 * Records of a Parquet upload for the preview, a row group at a time (the engine's reader).
 *
 * @example
 * for await (const record of parquetPreviewRecords(path, limits)) console.log(record.values);
 */
export async function* parquetPreviewRecords(path: string, limits: ImportLimits): AsyncGenerator<SourceRecord> {
  for await (const batch of readRecordBatches(path, { format: "parquet", limits: limits.reading, batchRows: 500 })) yield* batch;
}
