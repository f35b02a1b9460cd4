import "server-only";
import { formatZodIssues } from "@alchemist/engine";
import { z } from "zod";
import { getPrisma, getProjectTask } from "@alchemist/db";
import { ImportDatasetPayload, QUEUES } from "@alchemist/jobs";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";
import { enqueueJob } from "@/features/jobs";
import { parseConceptLines } from "../parse-concept-lines";

/** The image import form's fields, as submitted. */
export const StartImageImportInput = z.object({
  projectId: z.string().min(1).max(100),
  uploadId: z.string().min(1).max(100),
  fileName: z.string().min(1).max(255),
  name: z.string().trim().min(1, "Give the dataset a name").max(200),
  classNames: z.string().max(20_000),
  concepts: z.string().max(40_000),
});

/**
 * Queues the import of an uploaded image zip: the worker embeds every picture with its CLIP model
 * and scores it on the concepts (one per line). Class names (in class order; the label file's
 * labels must be among them) must equal the task's when the project has one.
 *
 * @example
 * const job = await startImageImport({ projectId, uploadId, fileName: "shapes.zip", name: "shapes", classNames: "circle, square", concepts: "a round circle\na square" }, actor.userId);
 */
export async function startImageImport(input: z.infer<typeof StartImageImportInput>, actorId: string) {
  getEnv();
  const db = getPrisma();
  const classNames = input.classNames
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  if (classNames.length < 2) throw new AppError("BAD_REQUEST", "name at least 2 classes, in class order (e.g. circle, square)");
  if (new Set(classNames).size !== classNames.length) throw new AppError("BAD_REQUEST", `class names must be unique, got ${classNames.join(", ")}`);
  const task = await getProjectTask(db, input.projectId).catch(() => null);
  const taskClasses = (task?.classes as { name: string }[] | undefined)?.map((c) => c.name);
  if (taskClasses && taskClasses.join("\u0000") !== classNames.join("\u0000")) {
    throw new AppError(
      "BAD_REQUEST",
      `the task's classes are ${taskClasses.join(", ")}; the pictures' labels must use the same classes in that order, got ${classNames.join(", ")}`,
    );
  }
  const parsed = ImportDatasetPayload.safeParse({
    projectId: input.projectId,
    actorId,
    uploadId: input.uploadId,
    format: "zip",
    fileName: input.fileName,
    name: input.name,
    mapping: { input: ["scores"] },
    classNames,
    images: true,
    concepts: parseConceptLines(input.concepts),
  });
  if (!parsed.success) throw new AppError("BAD_REQUEST", formatZodIssues(parsed.error));
  return (await enqueueJob(QUEUES.importDataset, parsed.data)).row;
}
