import "server-only";
import { z } from "zod";
import { getLatestDataset, getPrisma, saveProjectTask } from "@alchemist/db";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";

export const SaveTaskInput = z.object({
  projectId: z.string().min(1),
  name: z.string().trim().min(1, "Give the task a name").max(200),
  description: z.string().trim().max(10_000).default(""),
  input: z.array(z.string().min(1)).min(1, "Pick the input field(s) programs read"),
  language: z.enum(["python", "javascript"]),
  functionName: z.string().regex(/^[A-Za-z_$][\w$]*$/, "The function name must be an identifier, e.g. label_function"),
  classes: z
    .array(z.object({ name: z.string().trim().min(1, "Every class needs a name").max(200), description: z.string().trim().max(2000) }))
    .min(2, "A task needs at least 2 classes")
    .max(127, "At most 127 classes")
    .refine((cs) => new Set(cs.map((c) => c.name)).size === cs.length, "Class names must be unique"),
});

/**
 * Saves the project's task (creating it the first time). When the dataset has gold labels, the
 * class names must match them in order (gold labels are stored as class indices).
 *
 * @example
 * await saveTask({ projectId, name: "spam", description: "", input: ["text"], language: "python", functionName: "label_function", classes });
 */
export async function saveTask(input: z.infer<typeof SaveTaskInput>) {
  getEnv();
  const db = getPrisma();
  if (!(await db.project.findUnique({ where: { id: input.projectId }, select: { id: true } })))
    throw new AppError("NOT_FOUND", `project ${input.projectId} does not exist`);
  const dataset = await getLatestDataset(db, input.projectId);
  const gold = Array.isArray(dataset?.classNames) ? (dataset.classNames as string[]) : null;
  const names = input.classes.map((c) => c.name);
  if (gold && gold.join("\u0000") !== names.join("\u0000")) {
    throw new AppError(
      "BAD_REQUEST",
      `dataset "${dataset!.name}" has gold labels for the classes ${gold.join(", ")} (in that order); the task's classes must be the same, got ${names.join(", ")}`,
    );
  }
  return saveProjectTask(db, input.projectId, {
    name: input.name,
    description: input.description,
    input: input.input.length === 1 ? input.input[0]! : input.input,
    language: input.language,
    functionName: input.functionName,
    classes: input.classes,
  });
}
