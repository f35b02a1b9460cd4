import { z } from "zod";
import { PredictOutputFormat, type UploadFormat } from "@alchemist/jobs";
import { uploadFormat } from "@/features/datasets/client";

/** The part of a multipart `File` the form checks (name and size), so tests need no real files. */
export interface FormFile {
  readonly name: string;
  readonly size: number;
}

/** A checked predict request: what to store, how to read the data, what to write. */
export interface PredictForm<F extends FormFile> {
  /** null: no file was sent and the project's newest trained model is to be used. */
  readonly model: F | null;
  readonly data: F;
  readonly dataFormat: UploadFormat;
  readonly outputFormat: PredictOutputFormat;
  readonly idField?: string;
  /** Model input field -> data column, when they are named differently. */
  readonly inputColumns?: Record<string, string>;
}

/** Two decimals, so a file just over the limit never reads the same as the limit. */
const size = (bytes: number) => (bytes < 2 ** 20 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 2 ** 20).toFixed(2)} MiB`);
const isFile = (value: unknown): value is FormFile =>
  typeof value === "object" && value !== null && typeof (value as FormFile).name === "string" && typeof (value as FormFile).size === "number";
const IdField = z.string().trim().min(1).max(200).optional();
const Column = z.string().trim().min(1).max(200);
const InputColumns = z.record(Column, Column).refine((m) => Object.keys(m).length <= 50, "at most 50 inputs");

/**
 * Checks the fields of a `POST /api/projects/[projectId]/predict` form: `model` (an .onnx file),
 * `data` (.csv/.tsv/.jsonl), optional `format` (csv | jsonl, default csv), `idField` and
 * `inputColumns` (JSON `{modelInput: column}`: the column mapping); each file
 * non-empty and at most `maxBytes`. With `allowNoModel` (the project has a trained model), an
 * absent model — or the empty file part a browser sends for an untouched file input — gives
 * `model: null`. Returns the problem as a sentence a user can act on.
 *
 * @example
 * const checked = checkPredictForm({ model: form.get("model"), data: form.get("data"), format: form.get("format") }, 200 * 2 ** 20);
 * if (!checked.ok) throw new AppError("BAD_REQUEST", checked.error);
 */
export function checkPredictForm<F extends FormFile>(
  fields: { model: unknown; data: unknown; format?: unknown; idField?: unknown; inputColumns?: unknown },
  maxBytes: number,
  options: { allowNoModel?: boolean } = {},
): { ok: true; form: PredictForm<F> } | { ok: false; error: string; tooLarge?: boolean } {
  const { data } = fields;
  const untouched = isFile(fields.model) && fields.model.size === 0 && fields.model.name.trim() === "";
  const useTrained = options.allowNoModel === true && (fields.model === null || fields.model === undefined || untouched);
  const model: unknown = useTrained ? null : (fields.model ?? undefined);
  if (model !== null && !isFile(model)) return { ok: false, error: "the form needs a `model` file (model.onnx from alchemist run or the Train page)" };
  if (!isFile(data)) return { ok: false, error: "the form needs a `data` file (.csv, .tsv or .jsonl)" };
  if (model && !/\.onnx$/i.test(model.name.trim())) return { ok: false, error: `${model.name}: the model must be an .onnx file` };
  const dataFormat = uploadFormat(data.name);
  if (!dataFormat) return { ok: false, error: `${data.name}: the data must be a .csv, .tsv or .jsonl file` };
  for (const file of model ? [model, data] : [data]) {
    if (file.size === 0) return { ok: false, error: `${file.name} is empty` };
    if (file.size > maxBytes) return { ok: false, error: `${file.name} is ${size(file.size)}; the limit is ${size(maxBytes)}`, tooLarge: true };
  }
  const format = PredictOutputFormat.safeParse(fields.format === null || fields.format === undefined || fields.format === "" ? "csv" : fields.format);
  if (!format.success) return { ok: false, error: `format must be csv or jsonl, got ${JSON.stringify(fields.format)}` };
  const idField = IdField.safeParse(fields.idField === null || fields.idField === "" ? undefined : fields.idField);
  if (!idField.success) return { ok: false, error: "idField must be a column name of at most 200 characters" };
  let inputColumns: Record<string, string> | undefined;
  if (fields.inputColumns !== null && fields.inputColumns !== undefined && fields.inputColumns !== "") {
    let raw: unknown;
    try {
      raw = JSON.parse(String(fields.inputColumns));
    } catch {
      return {
        ok: false,
        error: `inputColumns must be JSON like {"text": "body"} (model input -> data column), got ${JSON.stringify(String(fields.inputColumns).slice(0, 80))}`,
      };
    }
    const parsed = InputColumns.safeParse(raw);
    if (!parsed.success) return { ok: false, error: `inputColumns must map each model input to a column name of 1-200 characters, like {"text": "body"}` };
    // Identity entries change nothing: left out, so a mapping that renames nothing sends none.
    const renamed = Object.entries(parsed.data).filter(([input, column]) => input !== column);
    if (renamed.length) inputColumns = Object.fromEntries(renamed);
  }
  return {
    ok: true,
    form: {
      model: model as F | null,
      data: data as F,
      dataFormat,
      outputFormat: format.data,
      ...(idField.data ? { idField: idField.data } : {}),
      ...(inputColumns ? { inputColumns } : {}),
    },
  };
}
