import "server-only";
import { findProjectTask, getPrisma, toTaskSpec } from "@alchemist/db";

/**
 * The class names of the project's task, which the upload page maps a gold column onto; null
 * before the task is defined (the import then keeps gold as it finds it).
 *
 * @example
 * const taskClasses = await getUploadTaskClasses(projectId); // ["ham", "spam"]
 */
export async function getUploadTaskClasses(projectId: string): Promise<string[] | null> {
  const task = await findProjectTask(getPrisma(), projectId);
  return task ? toTaskSpec(task).classes.map((c) => c.name) : null;
}

/**
 * Whether the project's task is multi-label: the upload form then reads the gold column as
 * class lists (sports|tech, JSON lists) and offers no label map.
 *
 * @example
 * const multiLabel = await getUploadTaskMultiLabel(projectId);
 */
export async function getUploadTaskMultiLabel(projectId: string): Promise<boolean> {
  return (await findProjectTask(getPrisma(), projectId))?.multiLabel === true;
}
