import "server-only";
import { z } from "zod";
import { findProjectTask, getLatestDataset, getPrisma, saveProjectTask, type Db } from "@alchemist/db";
import { getEnv } from "@/env";
import { AppError } from "@/lib/app-error";

export const SaveTaskInput = z
  .object({
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
    /** Any number of classes may apply to a row; votes are stored one byte per row, so class sets of at most 6 classes. */
    multiLabel: z.boolean().default(false),
  })
  .refine((t) => !t.multiLabel || t.classes.length <= 6, {
    message: "A multi-label task has at most 6 classes (each vote stores the set of classes in one byte)",
    path: ["classes"],
  });

/**
 * Saves the project's task (creating it the first time). When the dataset has gold labels, the
 * class names must match them in order (gold labels are stored as class indices). Switching
 * multi-label on or off is refused once the project has gold, stored votes or runs: they mean
 * class indices in one and class sets in the other.
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
  const current = await findProjectTask(db, input.projectId);
  if (current && current.multiLabel !== input.multiLabel) await refuseMultiLabelSwitch(db, input.projectId, input.multiLabel);
  return saveProjectTask(db, input.projectId, {
    name: input.name,
    description: input.description,
    input: input.input.length === 1 ? input.input[0]! : input.input,
    language: input.language,
    functionName: input.functionName,
    classes: input.classes,
    ...(input.multiLabel ? { multiLabel: true } : {}),
  });
}

async function refuseMultiLabelSwitch(db: Db, projectId: string, multiLabel: boolean): Promise<void> {
  const [runs, votes, gold] = await Promise.all([
    db.run.count({ where: { projectId } }),
    db.programOutput.findFirst({ where: { dataset: { projectId } }, select: { id: true } }),
    db.row.findFirst({ where: { dataset: { projectId }, gold: { not: null } }, select: { id: true } }),
  ]);
  if (runs === 0 && !votes && !gold) return;
  const held = [runs > 0 ? `${runs} run(s)` : null, votes ? "stored votes" : null, gold ? "gold labels" : null].filter(Boolean).join(", ");
  throw new AppError(
    "CONFLICT",
    `the task is ${multiLabel ? "single-label" : "multi-label"} and the project already holds ${held}, which mean ${multiLabel ? "class indices" : "class sets"}: multi-label can only be switched before any gold is imported or any program applied. Create a new project for a ${multiLabel ? "multi-label" : "single-label"} task.`,
  );
}
