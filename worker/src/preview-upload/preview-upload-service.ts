import { open } from "node:fs/promises";
import { join } from "node:path";
import { detectDelimiter, EngineError } from "@alchemist/engine";
import { readDelimited, readJsonl } from "@alchemist/engine/node";
import { uploadFileName, type PreviewUploadPayload, type PreviewUploadResult } from "@alchemist/jobs";

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
    return detectDelimiter(buffer.subarray(0, bytesRead).toString("utf8"));
  } finally {
    await handle.close();
  }
}

/**
 * Reads the first 2,000 records of an upload with the same engine readers the import uses: the
 * columns, ten rows to show and per-column distinct values (to spot the label column). Errors
 * name the original file and line, never the server's path.
 *
 * @example
 * const preview = await previewUploadService(payload, "/tmp/alchemist-uploads");
 */
export async function previewUploadService(payload: PreviewUploadPayload, uploadDir: string): Promise<PreviewUploadResult> {
  const path = join(uploadDir, uploadFileName(payload.uploadId, payload.format));
  const rows: Record<string, string>[] = [];
  const distinct = new Map<string, Set<string> | null>();
  let scanned = 0;
  let more = false;
  try {
    const delimiter = payload.format === "tsv" ? "\t" : payload.format === "csv" ? await sniffDelimiter(path) : undefined;
    const records = payload.format === "jsonl" ? readJsonl(path) : readDelimited(path, { delimiter });
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
    const message = error instanceof EngineError ? error.message : `${payload.fileName}: ${(error as Error).message}`;
    throw new Error(message.split(path).join(payload.fileName));
  }
  if (scanned === 0) throw new Error(`${payload.fileName} has no data rows`);
  const columns = [...distinct.keys()];
  return { columns, rows, scanned, more, distinct: Object.fromEntries(columns.map((c) => [c, distinct.get(c) ? [...distinct.get(c)!].sort() : null])) };
}
