import { readFile } from "node:fs/promises";
import type { TaskSpec } from "../../core/task";
import { EngineError } from "../../errors/engine-error";
import { parseTaskSpec } from "../../task/parse-task-spec";

/**
 * Reads and validates a task spec file (YAML or JSON); errors are TASK_INVALID naming the path.
 *
 * @example
 * const task = await loadTaskSpec("task.yaml");
 * task.classes.map((c) => c.name); // ["ham", "spam"]
 */
export async function loadTaskSpec(path: string): Promise<TaskSpec> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new EngineError("TASK_INVALID", `cannot read the task spec ${path}: ${(error as Error).message}`, { source: path });
  }
  return parseTaskSpec(text.replace(/^\uFEFF/, ""), path);
}
