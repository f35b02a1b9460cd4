import type { TaskSpec } from "@alchemist/engine";
import type { Db } from "../client";
import type { Prisma } from "../generated/prisma/client";
import { DomainError } from "../domain-error";
import { toTaskColumns } from "../mappers";

/**
 * Stores a task spec for a project.
 *
 * @example
 * await createTask(prisma, projectId, { name: "spam", description: "", input: "text", language: "python", functionName: "label_function", classes });
 */
export async function createTask(db: Db, projectId: string, spec: TaskSpec) {
  if (spec.classes.length < 2) throw new Error(`task "${spec.name}" has ${spec.classes.length} classes, needs >= 2`);
  return db.task.create({
    data: { projectId, ...toTaskColumns(spec) },
  });
}

/** One task or null. */
export async function getTask(db: Db, id: string) {
  return db.task.findUnique({ where: { id } });
}

/**
 * The project's task, or null before one is defined: the one way to read "the project's task"
 * (newest first, in case a database still holds several from before they were unique).
 *
 * @example
 * const task = await findProjectTask(prisma, projectId);
 * if (!task) throw new AppError("BAD_REQUEST", "Define the task first");
 */
export async function findProjectTask(db: Db | Prisma.TransactionClient, projectId: string) {
  return db.task.findFirst({ where: { projectId }, orderBy: { createdAt: "desc" } });
}

/**
 * The project's task; throws NOT_FOUND when the project has none.
 *
 * @example
 * const spec = toTaskSpec(await getProjectTask(prisma, projectId));
 */
export async function getProjectTask(db: Db, projectId: string) {
  const task = await findProjectTask(db, projectId);
  if (!task) throw new DomainError("NOT_FOUND", `project ${projectId} has no task yet: define the task (its classes and input) first`);
  return task;
}

/**
 * Creates the project's task, or updates its current (newest) one in place.
 *
 * @example
 * await saveProjectTask(prisma, projectId, spec);
 */
export async function saveProjectTask(db: Db, projectId: string, spec: TaskSpec) {
  if (spec.classes.length < 2) throw new Error(`task "${spec.name}" has ${spec.classes.length} classes, needs >= 2`);
  const current = await findProjectTask(db, projectId);
  if (!current) return createTask(db, projectId, spec);
  return db.task.update({
    where: { id: current.id },
    data: toTaskColumns(spec),
  });
}
