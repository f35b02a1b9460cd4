import "server-only";
import { findProjectTask, getPrisma } from "@alchemist/db";

/**
 * The input field(s) of the project's models: the task's input (a trained model's metadata
 * carries the same names); [] without a task. The column mapping offers one select per field.
 *
 * @example
 * const inputs = await getModelInputs(projectId); // ["text"]
 */
export async function getModelInputs(projectId: string): Promise<string[]> {
  const task = await findProjectTask(getPrisma(), projectId);
  const input = task?.input;
  if (typeof input === "string") return [input];
  return Array.isArray(input) ? input.filter((f): f is string => typeof f === "string") : [];
}
