import { open } from "node:fs/promises";
import { join } from "node:path";
import { detectDelimiter, EngineError, type SourceRecord } from "@alchemist/engine";
import { readDelimited, readJsonl } from "@alchemist/engine/node";
import { uploadFileName, type PreviewUploadPayload, type PreviewUploadResult } from "@alchemist/jobs";
import { readImportLimits, type ImportLimits } from "../import-dataset/import-limits";
import { readUploadDataset } from "../import-dataset/read-upload-dataset";

const SHOWN = 10;
const SCANNED = 2000;
const DISTINCT = 20;
const CELL = 200;

const cell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  return text.length > CELL ? `${text.slice(0, CELL - 1)}…` : text;
};

async function sniffDelimiter(path: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const prefix = buffer.subarray(0, bytesRead);
    const utf16 = prefix[0] === 0xff && prefix[1] === 0xfe ? "utf-16le" : prefix[0] === 0xfe && prefix[1] === 0xff ? "utf-16be" : undefined;
    return detectDelimiter(utf16 ? new TextDecoder(utf16).decode(prefix) : prefix.toString("utf8"));
  } finally {
    await handle.close();
  }
}

/** A WRENCH zip's rows as records: its `data` fields plus the label and split WRENCH gives each row. */
async function* wrenchRecords(path: string, payload: PreviewUploadPayload, limits: ImportLimits): AsyncGenerator<SourceRecord> {
  const dataset = await readUploadDataset(path, { ...payload, mapping: { input: ["text"] }, classNames: [], seed: 42 }, limits);
  let line = 0;
  for (const row of dataset.rows) {
    const label = row.gold === undefined ? "" : (dataset.classNames?.[row.gold] ?? String(row.gold));
    yield { line: ++line, values: { ...row.fields, label, split: row.split } };
  }
}

/**
 * Reads the first 2,000 records of an upload with the same bounded engine readers the import
 * uses (a WRENCH zip is extracted with the zip limits): the columns, ten rows to show and
 * per-column distinct values (to spot the label column). Errors name the original file and
 * line, never the server's path.
 *
 * @example
 * const preview = await previewUploadService(payload, "/tmp/alchemist-uploads");
 */
export async function previewUploadService(payload: PreviewUploadPayload, uploadDir: string, limits: ImportLimits = readImportLimits()): Promise<PreviewUploadResult> {
  const path = join(uploadDir, uploadFileName(payload.uploadId, payload.format));
  const rows: Record<string, string>[] = [];
  const distinct = new Map<string, Set<string> | null>();
  let scanned = 0;
  let more = false;
  try {
    const reading = { encoding: payload.encoding, limits: limits.reading };
    const delimiter = payload.format === "tsv" ? "\t" : payload.format === "csv" ? await sniffDelimiter(path) : undefined;
    const records =
      payload.format === "zip" ? wrenchRecords(path, payload, limits) : payload.format === "jsonl" ? readJsonl(path, reading) : readDelimited(path, { delimiter, ...reading });
    for await (const record of records) {
      if (scanned === SCANNED) {
        more = true;
        break;
      }
      scanned++;
      const values = Object.fromEntries(Object.entries(record.values).map(([k, v]) => [k, cell(v)]));
      if (rows.length < SHOWN) rows.push(values);
      for (const [column, value] of Object.entries(values)) {
        const set = distinct.has(column) ? distinct.get(column)! : new Set<string>();
        if (set) set.add(value);
        distinct.set(column, set && set.size > DISTINCT ? null : set);
      }
    }
  } catch (error) {
    const message = error instanceof EngineError || payload.format === "zip" ? (error as Error).message : `${payload.fileName}: ${(error as Error).message}`;
    throw new Error(message.split(path).join(payload.fileName));
  }
  if (scanned === 0) throw new Error(`${payload.fileName} has no data rows (only a header, or nothing)`);
  const columns = [...distinct.keys()];
  return { columns, rows, scanned, more, distinct: Object.fromEntries(columns.map((c) => [c, distinct.get(c) ? [...distinct.get(c)!].sort() : null])) };
}
