import { open, stat } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import type { Dataset } from "../../core/dataset";
import { detectDelimiter } from "../../datasets/detect-delimiter";
import { mapRecords, type FieldMapping, type SourceRecord } from "../../datasets/map-records";
import { EngineError } from "../../errors/engine-error";
import { readDelimited } from "./read-delimited";
import { readJsonl } from "./read-jsonl";
import type { ReadingLimits } from "../../datasets/reading-limits";
import type { TextEncoding } from "./decode-text";
import { loadWrenchDataset } from "./load-wrench-dataset";

export type DatasetFormat = "wrench" | "delimited" | "csv" | "tsv" | "jsonl";

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
  /** Text encoding of a delimited or JSON Lines file; default `auto` (UTF-8, or UTF-16 by BOM). */
  readonly encoding?: TextEncoding;
  /** Field size and JSON depth limits; defaults are `DEFAULT_READING_LIMITS`. */
  readonly limits?: Partial<ReadingLimits>;
}

const SNIFF_BYTES = 64 * 1024;

async function readPrefix(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const prefix = buffer.subarray(0, bytesRead);
    // A UTF-16 file sniffed as UTF-8 would show NULs between characters, hiding its delimiter.
    if (prefix[0] === 0xff && prefix[1] === 0xfe) return new TextDecoder("utf-16le").decode(prefix);
    if (prefix[0] === 0xfe && prefix[1] === 0xff) return new TextDecoder("utf-16be").decode(prefix);
    return prefix.toString("utf8");
  } finally {
    await handle.close();
  }
}

async function pickFormat(path: string, isDir: boolean, format: DatasetFormat | undefined): Promise<DatasetFormat> {
  if (format !== undefined) return format;
  if (isDir) return "wrench";
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".tsv") return "tsv";
  if (ext === ".jsonl" || ext === ".json") return "jsonl";
  return (await readPrefix(path)).replace(/^\uFEFF/, "").trimStart().startsWith("{") ? "jsonl" : "delimited";
}

async function delimiterFor(path: string, format: DatasetFormat, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  if (format === "tsv") return "\t";
  return detectDelimiter(await readPrefix(path));
}

/**
 * Loads a dataset from a WRENCH folder, a delimited file (CSV/TSV/...) or a JSON Lines file.
 * The format comes from `format`, else a folder is WRENCH, else the extension, else the first
 * character (`{` -> JSON Lines). Rows without a split column get seeded splits.
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
  const format = await pickFormat(path, isDir, options.format);
  if (format === "wrench") return loadWrenchDataset(path, options.mapping, options.classNames);
  if (isDir) throw new EngineError("DATASET_READ", `${path} is a folder; only WRENCH datasets are folders`, { file: path });
  const { mapping, classNames = [] } = options;
  if (mapping === undefined) throw new EngineError("INVALID_ARGUMENT", `${path}: a field mapping (at least the input field) is required`);
  const headerless = options.columns !== undefined;
  let records: AsyncIterable<SourceRecord>;
  const reading = { ...(options.encoding ? { encoding: options.encoding } : {}), ...(options.limits ? { limits: options.limits } : {}) };
  if (format === "jsonl") records = readJsonl(path, reading);
  else records = readDelimited(path, { delimiter: await delimiterFor(path, format, options.delimiter), columns: options.columns, ...reading });
  const name = basename(resolve(path), extname(path));
  try {
    const rows = await mapRecords(records, { source: path, mapping, classNames, seed: options.seed });
    return classNames.length > 0 ? { name, rows, classNames } : { name, rows };
  } catch (error) {
    if (error instanceof EngineError && error.code === "FIELD_NOT_FOUND" && format !== "jsonl" && !headerless && error.details.line === undefined) {
      const hint = "; the first row was read as the header: if the file has no header row, name its columns with --columns (e.g. --columns label,text)";
      throw new EngineError("FIELD_NOT_FOUND", error.message + hint, error.details);
    }
    throw error;
  }
}
