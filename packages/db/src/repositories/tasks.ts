import type { TaskSpec } from "@alchemist/engine";
import type { Db } from "../client";
import type { Prisma } from "../generated/prisma/client";
import { DomainError } from "../domain-error";
import { toTaskColumns } from "../mappers";

/**
 * Stores the task of a project that has none yet; a project has one task (`Task.projectId` is
 * unique), so a second is refused with CONFLICT and nothing is written. Use saveProjectTask to
 * create-or-update.
 *
 * @example
 * await createTask(prisma, projectId, { name: "spam", description: "", input: "text", language: "python", functionName: "label_function", classes });
 */
export async function createTask(db: Db, projectId: string, spec: TaskSpec) {
  assertTaskClasses(spec);
  try {
    return await db.task.create({ data: { projectId, ...toTaskColumns(spec) } });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError(
        "CONFLICT",
        `project ${projectId} already has a task: a project has one task, so edit it (saveProjectTask) instead of adding "${spec.name}"`,
        {
          cause: error,
        },
      );
    }
    throw error;
  }
}

/** One task or null. */
export async function getTask(db: Db, id: string) {
  return db.task.findUnique({ where: { id } });
}

/**
 * The project's task, or null before one is defined: the one way to read "the project's task"
 * (one per project: `Task.projectId` is unique).
 *
 * @example
 * const task = await findProjectTask(prisma, projectId);
 * if (!task) throw new AppError("BAD_REQUEST", "Define the task first");
 */
export async function findProjectTask(db: Db | Prisma.TransactionClient, projectId: string) {
  return db.task.findUnique({ where: { projectId } });
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
 * Creates the project's task, or updates it in place (one upsert, so two racing saves cannot
 * make a second task).
 *
 * @example
 * await saveProjectTask(prisma, projectId, spec);
 */
export async function saveProjectTask(db: Db, projectId: string, spec: TaskSpec) {
  assertTaskClasses(spec);
  const columns = toTaskColumns(spec);
  return db.task.upsert({ where: { projectId }, create: { projectId, ...columns }, update: columns });
}

function assertTaskClasses(spec: TaskSpec): void {
  if (spec.classes.length < 2) {
    throw new DomainError("INVALID", `task "${spec.name}" has ${spec.classes.length} classes: a task needs at least 2 classes to label with, add another`);
  }
}

/** Prisma's P2002: a unique constraint refused the write. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && (error as { code: unknown }).code === "P2002";
}
