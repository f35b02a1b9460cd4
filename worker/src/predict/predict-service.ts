import { createHash } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { IMAGE_MODEL_FORMAT, MODEL_METADATA_KEYS, readModelSpec, readOnnxMetadata } from "@alchemist/engine";
import { labelsCsv, loadDataset, predictWithModel, type PredictedRow } from "@alchemist/engine/node";
import { imageModelPredictRefusal, modelUploadFileName, uploadFileName, type PredictPayload, type PredictResult } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";

export interface PredictServiceOptions {
  readonly uploadDir: string;
  readonly report: ReportProgress;
  readonly signal?: AbortSignal;
  /** Rows per predictWithModel call (default 5000): progress and cancellation between chunks, the event loop breathes. */
  readonly chunkRows?: number;
}

function outputText(chunk: readonly PredictedRow[], classNames: string[], format: PredictPayload["outputFormat"], first: boolean): string {
  if (format === "jsonl")
    return chunk
      .map(
        (p) =>
          JSON.stringify({
            id: p.id,
            label: p.label,
            // A multi-label model's label is the classes joined with |; the list too, as the CLI's labels.jsonl has it.
            ...(p.labels ? { labels: p.labels } : {}),
            probabilities: Object.fromEntries(classNames.map((c, i) => [c, p.probabilities[i]])),
          }) + "\n",
      )
      .join("");
  const text = labelsCsv(chunk, classNames);
  return first ? text : text.slice(text.indexOf("\r\n") + 2);
}

/** Error messages name the user's file, never the server's upload path. */
function userMessage(error: unknown, path: string, fileName: string): string {
  const message = (error as Error).message.split(path).join(fileName);
  if (/ENOENT/.test(message)) return `the upload of ${fileName} is gone; upload the file again`;
  // The studio has no --columns option: the data needs a header row naming the model's input column(s).
  return message.replace(/; the first row was read as the header: .*$/s, "; the data needs a header row with the model's input column(s)");
}

/**
 * Labels an uploaded data file with an uploaded `model.onnx` exactly as `alchemist predict` does:
 * input field(s), features and classes come from the model's metadata; rows are labeled in chunks
 * with progress; the labels file (CSV `id,label,p_<class>...` or JSONL) is written under an
 * upload id derived from the inputs (`predictResultId`) and appears only once complete. Both input uploads are deleted afterwards.
 *
 * @example
 * const { resultUploadId } = await predictService(payload, { uploadDir: "/tmp/uploads", report });
 */
export async function predictService(payload: PredictPayload, options: PredictServiceOptions): Promise<PredictResult> {
  const modelPath = join(options.uploadDir, modelUploadFileName(payload.modelUploadId));
  const dataPath = join(options.uploadDir, uploadFileName(payload.dataUploadId, payload.dataFormat));
  try {
    await options.report(2, `reading ${payload.modelFileName}`);
    const bytes = await readFile(modelPath).catch((error: unknown) => {
      throw new Error(userMessage(error, modelPath, payload.modelFileName));
    });
    // An image model reads CLIP embeddings, which this job does not compute: say so and what to do instead.
    if (isImageModel(bytes)) throw new Error(imageModelPredictRefusal(payload.modelFileName));
    const spec = readModelSpec(bytes, payload.modelFileName);
    // An encoder spec names files on the machine that trained the model: never open those paths from an upload.
    if (spec.features.encoder)
      throw new Error(
        `${payload.modelFileName} uses a sentence encoder (external model files); the studio can only run self-contained models, use alchemist predict`,
      );
    await options.report(5, `reading ${payload.dataFileName}`);
    const inputs = typeof spec.input === "string" ? [spec.input] : [...spec.input];
    const mapped = payload.inputColumns ?? {};
    const unknown = Object.keys(mapped).filter((name) => !inputs.includes(name));
    if (unknown.length)
      throw new Error(
        `${payload.modelFileName} has no input field ${unknown.map((n) => `"${n}"`).join(", ")} (its inputs: ${inputs.join(", ")}): map the model's own input field(s)`,
      );
    const columnOf = (name: string) => mapped[name] ?? name;
    const loaded = await loadDataset(dataPath, {
      mapping: { input: inputs.map(columnOf), ...(payload.idField ? { id: payload.idField } : {}) },
      classNames: spec.classNames,
      seed: 0,
      format: payload.dataFormat,
      ...(payload.columns ? { columns: payload.columns } : {}),
    }).then(
      (d) => d.rows,
      (error: unknown) => {
        throw new Error(userMessage(error, dataPath, payload.dataFileName));
      },
    );
    // The model reads its inputs by their own names: the mapped columns are handed over under those.
    const rows = inputs.every((name) => columnOf(name) === name)
      ? loaded
      : loaded.map((row) => ({ ...row, fields: { ...row.fields, ...Object.fromEntries(inputs.map((name) => [name, row.fields[columnOf(name)]])) } }));
    if (rows.length === 0) throw new Error(`${payload.dataFileName} has no data rows`);
    return await labelRows(payload, rows, bytes, options);
  } finally {
    await Promise.all([rm(modelPath, { force: true }), rm(dataPath, { force: true })]);
  }
}

/**
 * The labels file's upload id, derived from the job's two input uploads (random UUIDs only their
 * uploader knows, each used by one job): a retry after a killed attempt writes to the same
 * `<id>.<ext>.part` and so replaces the dead attempt's partial file instead of orphaning it.
 *
 * @example
 * predictResultId({ modelUploadId, dataUploadId }); // "5d1c...-...", the same on every attempt
 */
export function predictResultId(payload: Pick<PredictPayload, "modelUploadId" | "dataUploadId">): string {
  const h = createHash("sha256").update(`predict-result:${payload.modelUploadId}:${payload.dataUploadId}`).digest("hex");
  // UUID v4 layout (version and variant nibbles set) so it passes as any other upload id
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

async function labelRows(
  payload: PredictPayload,
  rows: Parameters<typeof predictWithModel>[1],
  bytes: Uint8Array,
  options: PredictServiceOptions,
): Promise<PredictResult> {
  const resultUploadId = predictResultId(payload);
  const path = join(options.uploadDir, uploadFileName(resultUploadId, payload.outputFormat));
  const partial = `${path}.part`;
  const out = await open(partial, "w");
  let classNames: string[] = [];
  let counts: number[] = [];
  const chunkRows = options.chunkRows ?? 5000;
  try {
    for (let start = 0; start < rows.length; start += chunkRows) {
      if (options.signal?.aborted) throw new Error(`prediction cancelled at row ${start} of ${rows.length}`);
      const chunk = rows.slice(start, start + chunkRows);
      const result = await predictWithModel(bytes, chunk, { source: payload.modelFileName, ...(options.signal ? { signal: options.signal } : {}) });
      if (start === 0) [classNames, counts] = [result.classNames, result.classNames.map(() => 0)];
      // Per class: a multi-label row counts once for every class it gets.
      for (const p of result.predictions) for (const name of p.labels ?? [p.label]) counts[classNames.indexOf(name)]! += 1;
      await out.write(outputText(result.predictions, classNames, payload.outputFormat, start === 0));
      const done = start + chunk.length;
      await options.report(10 + (88 * done) / rows.length, `labeled ${done} of ${rows.length} rows`);
    }
    await out.close();
    await rename(partial, path);
  } catch (error) {
    await out.close().catch(() => {});
    await rm(partial, { force: true });
    throw error;
  }
  return { resultUploadId, format: payload.outputFormat, rows: rows.length, classNames, counts };
}

/** Whether ONNX bytes are an Alchemist image model (metadata format `image-1`); unreadable bytes are left to `readModelSpec`'s errors. */
function isImageModel(bytes: Uint8Array): boolean {
  try {
    return readOnnxMetadata(bytes)[MODEL_METADATA_KEYS.format] === IMAGE_MODEL_FORMAT;
  } catch {
    return false;
  }
}
