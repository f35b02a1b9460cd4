import "server-only";
import { z } from "zod";
import { getPrisma, getProjectTask } from "@alchemist/db";
import { ImportDatasetPayload, QUEUES } from "@alchemist/jobs";
import { LABEL_STUDIO_ANNOTATION_COLUMN, formatZodIssues } from "@alchemist/engine";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { enqueueJob } from "@/features/jobs";

/** The mapping form's fields, as submitted. */
export const StartImportInput = z.object({
  projectId: z.string().min(1),
  uploadId: z.string().min(1),
  format: z.string(),
  encoding: z.string().default("auto"),
  fileName: z.string(),
  name: z.string().trim().min(1, "Give the dataset a name").max(200),
  input: z.array(z.string().min(1)).min(1, "Pick at least one input field"),
  label: z.string().optional(),
  split: z.string().optional(),
  id: z.string().optional(),
  classNames: z.string().default(""),
  /** "false" when the first row is data. */
  header: z.enum(["true", "false"]).default("true"),
  /** The label map as JSON (`{"1": "ham", "2": "spam", "?": null}`), or "" for none. */
  labelMap: z.string().max(100_000).default(""),
});

function parseLabelMap(text: string, classNames: readonly string[]): Record<string, string | null> | undefined {
  if (text === "") return undefined;
  let map: unknown;
  try {
    map = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "the label map is not valid JSON");
  }
  if (map === null || typeof map !== "object" || Array.isArray(map)) throw new AppError("BAD_REQUEST", "the label map must map raw values to class names");
  for (const [raw, name] of Object.entries(map)) {
    if (name !== null && (typeof name !== "string" || !classNames.includes(name))) {
      throw new AppError(
        "BAD_REQUEST",
        `the label map sends ${JSON.stringify(raw)} to ${JSON.stringify(name)}, which is not one of the classes ${classNames.join(", ")}`,
      );
    }
  }
  return map as Record<string, string | null>;
}

/**
 * Queues the import of an uploaded file with the chosen mapping. With a gold label field, the
 * class names (in index order) must be given, and must equal the task's classes when the
 * project already has a task, so gold indices mean the same classes everywhere. A label map
 * (raw value -> class, or none) must only name those classes; a multi-label task reads its gold
 * column as class lists and takes no label map. A WRENCH zip maps only its input
 * fields: the rest comes from its files. A Label Studio export (format `label-studio`) takes gold
 * from its annotations and votes from its predictions, so it always needs the class names.
 *
 * @example
 * const job = await startImport({ projectId, uploadId, format: "csv", fileName: "sms.csv", name: "sms", input: ["text"], classNames: "" }, actor.userId);
 */
export async function startImport(input: z.infer<typeof StartImportInput>, actorId: string) {
  getEnv();
  const db = getPrisma();
  if (!(await db.project.findUnique({ where: { id: input.projectId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", `project ${input.projectId} does not exist`);
  const classNames = input.classNames
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  const zip = input.format === "zip";
  // A multi-label task's gold column holds class lists (a|b, JSON lists), read by the engine's gold-list parser.
  const multiLabel = (await getProjectTask(db, input.projectId).catch(() => null))?.multiLabel === true;
  if (multiLabel && (zip || input.format === "label-studio")) {
    throw new AppError(
      "BAD_REQUEST",
      "the project's task is multi-label: its gold lists are read from a CSV, TSV, JSON Lines or Parquet column (sports|tech or a JSON list), not from a zip or a Label Studio export",
    );
  }
  // A Label Studio export's gold is its annotations and its votes are its predictions: both need the classes.
  const labelStudio = input.format === "label-studio";
  if (labelStudio) input = { ...input, label: LABEL_STUDIO_ANNOTATION_COLUMN, split: undefined, id: undefined };
  if (labelStudio && classNames.length < 2)
    throw new AppError(
      "BAD_REQUEST",
      "a Label Studio export needs at least 2 class names (its choices, in class order): annotations become gold and predictions votes",
    );
  if (zip) {
    // A WRENCH zip brings gold, splits, ids and class names (label.json); the task's classes, when
    // there is a task, go along so the worker can check label.json has as many.
    const task = await getProjectTask(db, input.projectId).catch(() => null);
    const taskClasses = (task?.classes as { name: string }[] | undefined)?.map((c) => c.name) ?? [];
    classNames.splice(0, classNames.length, ...taskClasses);
  } else if (input.label) {
    if (classNames.length < 2) throw new AppError("BAD_REQUEST", `the gold label field "${input.label}" needs at least 2 class names, in class order`);
    if (new Set(classNames).size !== classNames.length) throw new AppError("BAD_REQUEST", `class names must be unique, got ${classNames.join(", ")}`);
    const task = await getProjectTask(db, input.projectId).catch(() => null);
    const taskClasses = (task?.classes as { name: string }[] | undefined)?.map((c) => c.name);
    if (taskClasses && taskClasses.join("\u0000") !== classNames.join("\u0000")) {
      throw new AppError(
        "BAD_REQUEST",
        `the task's classes are ${taskClasses.join(", ")}; gold labels must use the same classes in that order, got ${classNames.join(", ")}`,
      );
    }
  }
  // A label map maps one raw value to one class; a multi-label cell is a list of class names, so none applies.
  const labelMap = input.label && !zip && !multiLabel ? parseLabelMap(input.labelMap, classNames) : undefined;
  const parsed = ImportDatasetPayload.safeParse({
    projectId: input.projectId,
    actorId,
    uploadId: input.uploadId,
    format: input.format,
    encoding: input.encoding,
    fileName: input.fileName,
    name: input.name,
    mapping: zip
      ? { input: input.input }
      : {
          input: input.input,
          ...(input.label ? { label: input.label } : {}),
          ...(input.split ? { split: input.split } : {}),
          ...(input.id ? { id: input.id } : {}),
        },
    classNames: input.label || zip ? classNames : [],
    ...(input.header === "false" && !zip ? { header: false } : {}),
    ...(labelMap ? { labelMap } : {}),
    ...(multiLabel && input.label ? { multiLabel: true } : {}),
  });
  if (!parsed.success) throw new AppError("BAD_REQUEST", formatZodIssues(parsed.error));
  return (await enqueueJob(QUEUES.importDataset, parsed.data)).row;
}
