import type { TaskSpec } from "@alchemist/engine";
import type { Db } from "../client";
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
 * The project's current task (the newest); throws when the project has none.
 *
 * @example
 * const spec = toTaskSpec(await getProjectTask(prisma, projectId));
 */
export async function getProjectTask(db: Db, projectId: string) {
  const task = await db.task.findFirst({ where: { projectId }, orderBy: { createdAt: "desc" } });
  if (!task) throw new Error(`project ${projectId} has no task`);
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
  const current = await db.task.findFirst({ where: { projectId }, orderBy: { createdAt: "desc" } });
  if (!current) return createTask(db, projectId, spec);
  return db.task.update({
    where: { id: current.id },
    data: toTaskColumns(spec),
  });
}
