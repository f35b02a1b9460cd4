import { open } from "node:fs/promises";
import { extname } from "node:path";
import { detectDelimiter } from "../../datasets/detect-delimiter";
import { EngineError } from "../../errors/engine-error";

/** Formats of a single-file dataset; `delimited` sniffs its delimiter. */
export type FileFormat = "delimited" | "csv" | "tsv" | "jsonl" | "parquet";

const SNIFF_BYTES = 64 * 1024;

async function readPrefix(path: string): Promise<string> {
  let handle;
  try {
    handle = await open(path, "r");
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const prefix = buffer.subarray(0, bytesRead);
    // A UTF-16 file sniffed as UTF-8 would show NULs between characters, hiding its delimiter.
    if (prefix[0] === 0xff && prefix[1] === 0xfe) return new TextDecoder("utf-16le").decode(prefix);
    if (prefix[0] === 0xfe && prefix[1] === 0xff) return new TextDecoder("utf-16be").decode(prefix);
    return prefix.toString("utf8");
  } catch (error) {
    throw new EngineError("DATASET_READ", `cannot read ${path}: ${(error as Error).message}`, { file: path });
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * How to read a dataset file: `format` when given, else the extension (.csv, .tsv, .jsonl,
 * .json, .parquet), else the first bytes (`PAR1` means Parquet, `{` JSON Lines); for delimited files the `delimiter`
 * when given, tab for TSV, else the one `detectDelimiter` finds in the first 64 KiB.
 *
 * @example
 * await sniffFileFormat("SMSSpamCollection"); // { format: "delimited", delimiter: "\t" }
 */
export async function sniffFileFormat(
  path: string,
  format?: FileFormat,
  delimiter?: string,
): Promise<{ format: "jsonl" } | { format: "parquet" } | { format: "delimited"; delimiter: string }> {
  let prefix: string | undefined;
  if (format === undefined) {
    const ext = extname(path).toLowerCase();
    if (ext === ".csv") format = "csv";
    else if (ext === ".tsv") format = "tsv";
    else if (ext === ".jsonl" || ext === ".json") format = "jsonl";
    else if (ext === ".parquet" || ext === ".pq") format = "parquet";
    else {
      prefix = await readPrefix(path);
      format = prefix.startsWith("PAR1")
        ? "parquet"
        : prefix
              .replace(/^\uFEFF/, "")
              .trimStart()
              .startsWith("{")
          ? "jsonl"
          : "delimited";
    }
  }
  if (format === "jsonl") return { format };
  if (format === "parquet") return { format };
  if (delimiter !== undefined) return { format: "delimited", delimiter };
  if (format === "tsv") return { format: "delimited", delimiter: "\t" };
  return { format: "delimited", delimiter: detectDelimiter(prefix ?? (await readPrefix(path))) };
}
