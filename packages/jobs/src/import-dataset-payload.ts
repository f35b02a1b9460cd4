import { z } from "zod";
import { ActorId, EntityId } from "./entity-id";
import { parsePayload } from "./parse-payload";

const id = EntityId;
const field = z.string().min(1).max(200);

/** Concepts of an image dataset: 1-200 distinct non-empty names (each becomes a key of the programs' score records). */
export const ImageConcepts = z
  .array(z.string().trim().min(1).max(200))
  .min(1, "name at least one concept")
  .max(200)
  .refine((cs) => new Set(cs).size === cs.length, "concepts must be distinct");

/** Upload ids name a file in the shared upload folder: a UUID, nothing that could escape it. */
export const UploadId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, "upload ids are UUIDs");
export const UploadFormat = z.enum(["csv", "tsv", "jsonl"]);
export type UploadFormat = z.infer<typeof UploadFormat>;
/** What a dataset upload may be: a text file, or a zipped WRENCH folder (train/valid/test/label.json). */
export const DatasetUploadFormat = z.enum(["csv", "tsv", "jsonl", "zip", "parquet", "label-studio"]);
export type DatasetUploadFormat = z.infer<typeof DatasetUploadFormat>;
/** How a text upload's bytes are decoded: `auto` is validated UTF-8, or UTF-16 when its BOM says so. */
export const UploadEncoding = z.enum(["auto", "utf-8", "utf-16", "utf-16le", "utf-16be", "latin1"]);
export type UploadEncoding = z.infer<typeof UploadEncoding>;

/**
 * Payload of an `import-dataset` job: the uploaded file's id plus the column mapping the user
 * chose (configuration, not data: the worker reads the rows from the upload folder).
 */
export const ImportDatasetPayload = z
  .object({
    projectId: id,
    /** The user who started it; the worker re-checks their role before writing. */
    actorId: ActorId,
    uploadId: UploadId,
    format: DatasetUploadFormat,
    encoding: UploadEncoding.default("auto"),
    /** The file's original name, for messages. */
    fileName: z.string().min(1).max(255),
    name: z.string().trim().min(1).max(200),
    mapping: z.object({ input: z.array(field).min(1).max(50), label: field.optional(), split: field.optional(), id: field.optional() }).strict(),
    /** Whether a CSV/TSV's first row is its header; false names the columns column_1, column_2, ... */
    header: z.boolean().default(true),
    /** Raw gold values to class names (null: no gold); without it gold is a class name or 0-based index. */
    labelMap: z.record(z.string().max(200), z.string().trim().min(1).max(200).nullable()).optional(),
    /** Class names in index order; needed (>= 2) when a gold label field is mapped. */
    classNames: z.array(z.string().trim().min(1).max(200)).max(1000).default([]),
    seed: z.number().int().default(42),
    /** The project's task is multi-label: the gold field holds class lists (`a|b`, a JSON list), stored as class-set bitmasks. */
    multiLabel: z.boolean().optional(),
    /** A zip of pictures (+ optional path,label,split file): embedded with the worker's CLIP model and scored on `concepts`. */
    images: z.boolean().default(false),
    /** The concepts an image dataset's pictures are scored on (the programs' `{concept: score}` keys). */
    concepts: ImageConcepts.optional(),
  })
  .strict()
  .refine((p) => !p.images || (p.format === "zip" && p.concepts !== undefined), {
    message: "an image dataset is a .zip and needs concepts to score its pictures on",
    path: ["concepts"],
  })
  .refine((p) => !p.multiLabel || (p.format !== "zip" && p.format !== "label-studio" && !p.images), {
    message: "multi-label gold lists are read from a CSV/TSV/JSONL/Parquet column, not from a zip or a Label Studio export",
    path: ["multiLabel"],
  })
  .refine((p) => !p.mapping.label || p.classNames.length >= 2, { message: "a gold label field needs at least 2 class names", path: ["classNames"] })
  .refine((p) => !p.labelMap || Object.values(p.labelMap).every((name) => name === null || p.classNames.includes(name)), {
    message: "the label map names a class that is not in classNames",
    path: ["labelMap"],
  });
export type ImportDatasetPayload = z.infer<typeof ImportDatasetPayload>;

/**
 * Validates an `import-dataset` payload, naming the bad fields.
 *
 * @example
 * const { uploadId, mapping } = parseImportDatasetPayload(job.data);
 */
export function parseImportDatasetPayload(data: unknown): ImportDatasetPayload {
  return parsePayload(ImportDatasetPayload, "import-dataset", data);
}

/**
 * The file name of an upload inside the upload folder.
 *
 * @example
 * join(env.UPLOAD_DIR, uploadFileName(uploadId, "csv"));
 */
export function uploadFileName(uploadId: string, format: DatasetUploadFormat): string {
  UploadId.parse(uploadId);
  return `${uploadId}.${DatasetUploadFormat.parse(format)}`;
}
