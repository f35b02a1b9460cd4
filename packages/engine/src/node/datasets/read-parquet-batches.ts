import { open, stat } from "node:fs/promises";
import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type FileMetaData } from "hyparquet";
import { compressors } from "hyparquet-compressors";
import type { SourceRecord } from "../../datasets/map-records";
import { DEFAULT_READING_LIMITS, type ReadingLimits } from "../../datasets/reading-limits";
import { EngineError } from "../../errors/engine-error";

/** Most uncompressed bytes of one row group: a row group is decoded whole, so this bounds memory. */
export const PARQUET_MAX_ROW_GROUP_BYTES = 512 * 1024 * 1024;

/** A local file as hyparquet's AsyncBuffer: ranges read through one open handle, never the whole file. */
async function fileBuffer(path: string): Promise<{ buffer: AsyncBuffer; close: () => Promise<void> }> {
  const handle = await open(path, "r");
  const { size } = await handle.stat();
  return {
    buffer: {
      byteLength: size,
      async slice(start: number, end = size): Promise<ArrayBuffer> {
        const length = Math.max(0, Math.min(end, size) - start);
        const bytes = new Uint8Array(length);
        let at = 0;
        while (at < length) {
          const { bytesRead } = await handle.read(bytes, at, length - at, start + at);
          if (bytesRead === 0) break;
          at += bytesRead;
        }
        return bytes.buffer;
      },
    },
    close: () => handle.close(),
  };
}

/** A Parquet value as a dataset field: int64 as a number when exact (else text), dates as ISO text, bytes as base64. */
function plain(value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

function checkLimits(path: string, metadata: FileMetaData, limits: ReadingLimits): void {
  const columns = metadata.schema.length - 1;
  if (columns > limits.maxColumns)
    throw new EngineError("DATASET_PARSE", `${path}: the Parquet schema has ${columns} columns; the limit is ${limits.maxColumns}`, { file: path });
  metadata.row_groups.forEach((group, g) => {
    const bytes = Number(group.total_byte_size);
    if (bytes > PARQUET_MAX_ROW_GROUP_BYTES) {
      throw new EngineError(
        "DATASET_PARSE",
        `${path}: row group ${g + 1} holds ${(bytes / 2 ** 20).toFixed(0)} MiB uncompressed; the limit is ${PARQUET_MAX_ROW_GROUP_BYTES / 2 ** 20} MiB (write the file with smaller row groups)`,
        { file: path },
      );
    }
  });
}

function tooLong(path: string, values: Record<string, unknown>, maxChars: number): string | undefined {
  for (const [name, value] of Object.entries(values)) {
    const length = typeof value === "string" ? value.length : value !== null && typeof value === "object" ? JSON.stringify(value).length : 0;
    if (length > maxChars) return `${path}: column "${name}" holds ${length} characters; the limit is ${maxChars}`;
  }
  return undefined;
}

/**
 * Records of a Parquet file (the format of Hugging Face datasets), one row group at a time: only
 * the footer and the row group being read are held (a group is refused past
 * `PARQUET_MAX_ROW_GROUP_BYTES` uncompressed), so a file larger than memory streams in batches of
 * up to `batchRows`. Every codec Parquet writers use is read (snappy, gzip, zstd,
 * brotli, lz4) by the pure-JS `hyparquet` and `hyparquet-compressors`. Values become plain
 * fields: int64 as numbers (text past 2^53), timestamps as ISO text, binary as base64, lists and
 * structs as JSON values. `line` is the 1-based row number. Errors are DATASET_PARSE naming the
 * file (not Parquet, a row group over `PARQUET_MAX_ROW_GROUP_BYTES`, a value past
 * `limits.maxFieldChars`, more columns than `limits.maxColumns`, no rows).
 *
 * @example
 * for await (const batch of readParquetBatches("train.parquet")) for (const { values } of batch) console.log(values.text);
 */
export async function* readParquetBatches(path: string, options: { limits?: Partial<ReadingLimits>; batchRows?: number } = {}): AsyncGenerator<SourceRecord[]> {
  const limits = { ...DEFAULT_READING_LIMITS, ...options.limits };
  const batchRows = options.batchRows ?? 5000;
  if (!Number.isInteger(batchRows) || batchRows < 1)
    throw new EngineError("INVALID_ARGUMENT", `${path}: batchRows must be a positive integer, got ${batchRows}`);
  let file;
  try {
    if ((await stat(path)).size < 12) throw new Error("too short to be a Parquet file");
    file = await fileBuffer(path);
  } catch (error) {
    throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
  }
  try {
    const magic = new Uint8Array(await file.buffer.slice(0, 4));
    if (String.fromCharCode(...magic) !== "PAR1")
      throw new EngineError("DATASET_PARSE", `${path} is not a Parquet file (it does not start with PAR1)`, { file: path });
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(file.buffer);
    } catch (error) {
      throw new EngineError("DATASET_PARSE", `${path}: unreadable Parquet footer: ${(error as Error).message}`, { file: path });
    }
    checkLimits(path, metadata, limits);
    let rowStart = 0;
    let line = 0;
    for (const group of metadata.row_groups) {
      const rowEnd = rowStart + Number(group.num_rows);
      // One row group is decoded at a time (hyparquet decodes whole pages; asking for slices of a
      // group would decode it again per slice), then handed on in batches.
      let rows: Record<string, unknown>[];
      try {
        rows = rowEnd > rowStart ? await parquetReadObjects({ file: file.buffer, metadata, rowStart, rowEnd, compressors }) : [];
      } catch (error) {
        throw new EngineError("DATASET_PARSE", `${path} rows ${rowStart + 1}..${rowEnd}: ${(error as Error).message}`, { file: path });
      }
      for (let from = 0; from < rows.length; from += batchRows) {
        const batch: SourceRecord[] = [];
        for (const row of rows.slice(from, from + batchRows)) {
          const values = plain(row) as Record<string, unknown>;
          const long = tooLong(path, values, limits.maxFieldChars);
          if (long) throw new EngineError("DATASET_PARSE", `${long} (row ${line + 1})`, { file: path, line: line + 1 });
          batch.push({ line: ++line, values });
        }
        yield batch;
      }
      rowStart = rowEnd;
    }
    if (line === 0) throw new EngineError("DATASET_PARSE", `${path} has no data rows (a Parquet file with a schema and 0 rows)`, { file: path });
  } finally {
    await file.close().catch(() => undefined);
  }
}
