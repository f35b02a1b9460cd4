import { open } from "node:fs/promises";
import { join } from "node:path";
import { detectDelimiter, EngineError, firstRowLooksLikeData, type SourceRecord } from "@alchemist/engine";
import { isImageZip, readDelimited, readJsonl } from "@alchemist/engine/node";
import { uploadFileName, type PreviewUploadPayload, type PreviewUploadResult } from "@alchemist/jobs";
import { readImportLimits, type ImportLimits } from "../import-dataset/import-limits";
import { labelStudioPreviewRecords, parquetPreviewRecords } from "./label-studio-preview-records";
import { readUploadDataset, studioWording } from "../import-dataset/read-upload-dataset";
import { imageZipRecords } from "./image-zip-records";

const SHOWN = 10;
const SCANNED = 2000;
/** How long the preview goes on counting a text file's rows after the scanned ones, so the import button can say exactly how many. */
const COUNT_BUDGET_MS = 5000;
const DISTINCT = 20;
const CELL = 200;

const cell = (value: unknown) => {
  const text = value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  return text.length > CELL ? `${text.slice(0, CELL - 1)}…` : text;
};

async function sniffDelimiter(path: string, encoding: string): Promise<string> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const prefix = buffer.subarray(0, bytesRead);
    const utf16 = prefix[0] === 0xff && prefix[1] === 0xfe ? "utf-16le" : prefix[0] === 0xfe && prefix[1] === 0xff ? "utf-16be" : undefined;
    // UTF-16 without a BOM (chosen by the user): ASCII characters' NUL bytes fall on odd offsets in LE.
    const nulAt = prefix.indexOf(0);
    const guessed =
      utf16 ??
      (encoding === "utf-16" || encoding === "utf-16le" || encoding === "utf-16be"
        ? encoding === "utf-16be" || (encoding === "utf-16" && nulAt % 2 === 0)
          ? "utf-16be"
          : "utf-16le"
        : undefined);
    return detectDelimiter(guessed ? new TextDecoder(guessed).decode(prefix) : prefix.toString(encoding === "latin1" ? "latin1" : "utf8"));
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
 * uses (a WRENCH zip is extracted with the zip limits): the columns, ten rows to show,
 * per-column distinct values and their counts (to spot the label column and preview a label
 * map's classes), and whether the header row looks like data (the engine's
 * `firstRowLooksLikeData`, as the CLI asks it). Errors name the original file and line, never
 * the server's path.
 *
 * @example
 * const preview = await previewUploadService(payload, "/tmp/alchemist-uploads");
 */
export async function previewUploadService(
  input: Omit<PreviewUploadPayload, "header"> & { header?: boolean },
  uploadDir: string,
  limits: ImportLimits = readImportLimits(),
): Promise<PreviewUploadResult> {
  const payload: PreviewUploadPayload = { ...input, header: input.header ?? true };
  const path = join(uploadDir, uploadFileName(payload.uploadId, payload.format));
  const rows: Record<string, string>[] = [];
  const distinct = new Map<string, Map<string, number> | null>();
  const header = payload.header && (payload.format === "csv" || payload.format === "tsv");
  let scanned = 0;
  let more = false;
  // Rows counted after the scanned ones, and whether the count reached the end of the file.
  let beyond = 0;
  let countedAll = true;
  const labelStudio: { predictions?: string[] } = {};
  const found = { images: 0 };
  let images = false;
  try {
    const reading = { encoding: payload.encoding, limits: limits.reading };
    const delimiter = payload.format === "tsv" ? "\t" : payload.format === "csv" ? await sniffDelimiter(path, payload.encoding) : undefined;
    // A zip of pictures is an image dataset; any other zip a WRENCH folder.
    images = payload.format === "zip" && (await isImageZip(path, payload.fileName));
    const records = images
      ? imageZipRecords(path, payload.fileName, found)
      : payload.format === "zip"
        ? wrenchRecords(path, payload, limits)
        : payload.format === "jsonl"
          ? readJsonl(path, reading)
          : readDelimited(path, { delimiter, header: payload.header, ...reading });
    const special =
      payload.format === "label-studio"
        ? labelStudioPreviewRecords(path, payload.fileName, payload.encoding, limits, labelStudio)
        : payload.format === "parquet"
          ? parquetPreviewRecords(path, limits)
          : undefined;
    const counting = !special && !images && payload.format !== "zip";
    const deadline = Date.now() + COUNT_BUDGET_MS;
    for await (const record of special ?? records) {
      if (scanned >= SCANNED) {
        more = true;
        // Past the preview only the count goes on (text formats, within the budget).
        if (!counting || Date.now() > deadline) {
          countedAll = false;
          break;
        }
        beyond++;
        continue;
      }
      scanned++;
      const values = Object.fromEntries(Object.entries(record.values).map(([k, v]) => [k, cell(v)]));
      if (rows.length < SHOWN) rows.push(values);
      for (const [column, value] of Object.entries(values)) {
        const counts = distinct.has(column) ? distinct.get(column)! : new Map<string, number>();
        if (counts) counts.set(value, (counts.get(value) ?? 0) + 1);
        distinct.set(column, counts && counts.size > DISTINCT ? null : counts);
      }
    }
  } catch (error) {
    const message = error instanceof EngineError || payload.format === "zip" ? (error as Error).message : `${payload.fileName}: ${(error as Error).message}`;
    throw new Error(studioWording(message.split(path).join(payload.fileName)));
  }
  if (scanned === 0)
    throw new Error(`${payload.fileName} has no data rows (only a header, or nothing)${header ? '; if that row is data, untick "First row is a header"' : ""}`);
  const columns = [...distinct.keys()];
  const headerLooksLikeData = header
    ? firstRowLooksLikeData(
        columns,
        rows.map((row) => columns.map((c) => row[c] ?? "")),
      )
    : undefined;
  return {
    columns,
    rows,
    scanned,
    more,
    ...(countedAll ? { total: scanned + beyond } : {}),
    distinct: Object.fromEntries(columns.map((c) => [c, distinct.get(c) ? [...distinct.get(c)!.keys()].sort() : null])),
    counts: Object.fromEntries(columns.map((c) => [c, distinct.get(c) ? Object.fromEntries(distinct.get(c)!) : null])),
    header,
    ...(headerLooksLikeData ? { headerLooksLikeData } : {}),
    ...(labelStudio.predictions ? { predictions: labelStudio.predictions } : {}),
    ...(images ? { images: found.images } : {}),
  };
}
