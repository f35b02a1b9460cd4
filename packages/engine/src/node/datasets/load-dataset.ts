import { stat } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import type { Dataset } from "../../core/dataset";
import { mapRecords, type FieldMapping } from "../../datasets/map-records";
import { EngineError } from "../../errors/engine-error";
import { readRecordBatches } from "./read-record-batches";
import { sniffFileFormat } from "./sniff-file-format";
import type { ReadingLimits } from "../../datasets/reading-limits";
import type { TextEncoding } from "../../datasets/text-encoding";
import type { LabelMap } from "../../datasets/label-map";
import { headerHint } from "./header-hint";
import { loadWrenchDataset } from "./load-wrench-dataset";
import { looksLikeLabelStudio } from "./looks-like-label-studio";
import { readLabelStudio } from "./read-label-studio";

export type DatasetFormat = "wrench" | "delimited" | "csv" | "tsv" | "jsonl" | "parquet" | "label-studio";

export interface LoadDatasetOptions {
  /** Required except for WRENCH folders, where `input` defaults to `text`. */
  readonly mapping?: FieldMapping;
  /** Class names in index order; WRENCH folders bring their own (`label.json`). */
  readonly classNames?: readonly string[];
  readonly seed: number;
  readonly format?: DatasetFormat;
  readonly delimiter?: string;
  /** Column names for a delimited file without a header row. */
  readonly columns?: readonly string[];
  /** Whether a delimited file's first row is its header; default true unless `columns` is given. */
  readonly header?: boolean;
  /** Raw gold values to class names (`{"1": "neoplasms", ...}`); see `mapRecords`. */
  readonly labelMap?: LabelMap;
  /** Multi-label task: gold is a list of classes per row (see `mapRecords`). */
  readonly multiLabel?: boolean;
  /** Text encoding of a delimited or JSON Lines file; default `auto` (UTF-8, or UTF-16 by BOM). */
  readonly encoding?: TextEncoding;
  /** Field size and JSON depth limits; defaults are `DEFAULT_READING_LIMITS`. */
  readonly limits?: Partial<ReadingLimits>;
  /** Label Studio tasks: the `<Choices>` name to read gold and votes from (default: the only one used). */
  readonly fromName?: string;
}

/**
 * Loads a dataset from a WRENCH folder, a delimited file (CSV/TSV/...), a JSON Lines file, a
 * Parquet file (read a row group at a time) or a Label Studio export (a `.json` list of tasks:
 * annotations become gold, predictions imported votes; `readLabelStudio`).
 * The format comes from `format`, else a folder is WRENCH, else the extension, else the first
 * character (`{` -> JSON Lines). Rows without a split column get seeded splits. Files are read
 * by `readRecordBatches`, so a file with no data rows (empty, or only a header) fails.
 *
 * @example
 * const ds = await loadDataset("SMSSpamCollection", {
 *   mapping: { input: "text", label: "label" }, columns: ["label", "text"], classNames: ["ham", "spam"], seed: 1,
 * });
 */
export async function loadDataset(path: string, options: LoadDatasetOptions): Promise<Dataset> {
  if (!Number.isInteger(options.seed)) throw new EngineError("INVALID_ARGUMENT", `seed must be an integer, got ${options.seed}`);
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (error) {
    throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
  }
  if (options.format === "wrench" || (isDir && options.format === undefined)) return loadWrenchDataset(path, options.mapping, options.classNames);
  if (isDir) throw new EngineError("DATASET_READ", `${path} is a folder; only WRENCH datasets are folders`, { file: path });
  const { mapping, classNames = [] } = options;
  if (mapping === undefined) throw new EngineError("INVALID_ARGUMENT", `${path}: a field mapping (at least the input field) is required`);
  if (options.format === "label-studio" || (options.format === undefined && (await looksLikeLabelStudio(path)))) {
    return readLabelStudio(path, {
      classNames,
      inputs: mapping.input,
      seed: options.seed,
      ...(options.fromName ? { fromName: options.fromName } : {}),
      ...(options.labelMap ? { labelMap: options.labelMap } : {}),
      ...(options.encoding ? { encoding: options.encoding } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
  }
  const headerless = options.header === false || (options.columns !== undefined && options.header !== true);
  const how = await sniffFileFormat(path, options.format, options.delimiter);
  const records = readRecordBatches(path, { ...how, columns: options.columns, header: options.header, encoding: options.encoding, limits: options.limits });
  const name = basename(resolve(path), extname(path));
  try {
    const rows = await mapRecords(records, {
      source: path,
      mapping,
      classNames,
      seed: options.seed,
      ...(options.labelMap ? { labelMap: options.labelMap } : {}),
      ...(options.multiLabel ? { multiLabel: true } : {}),
    });
    return classNames.length > 0 ? { name, rows, classNames } : { name, rows };
  } catch (error) {
    if (error instanceof EngineError && error.code === "FIELD_NOT_FOUND" && how.format === "delimited" && !headerless && error.details.line === undefined) {
      throw new EngineError("FIELD_NOT_FOUND", error.message + (await headerHint(path, { ...options, delimiter: how.delimiter }, mapping)), error.details);
    }
    throw error;
  }
}
