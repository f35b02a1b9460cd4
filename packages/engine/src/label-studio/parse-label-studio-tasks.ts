import { EngineError } from "../errors/engine-error";
import { formatZodIssues } from "../errors/format-zod-issues";
import { labelStudioTaskSchema, type LabelStudioTask } from "./label-studio-schema";

/**
 * Checks parsed JSON is a non-empty list of Label Studio tasks (one task object alone counts as
 * a list of one); errors name the file and the task number.
 *
 * @example
 * parseLabelStudioTasks(JSON.parse(text), "export.json")[0].data.text;
 */
export function parseLabelStudioTasks(value: unknown, source: string): LabelStudioTask[] {
  const list = Array.isArray(value) ? value : value !== null && typeof value === "object" && "data" in value ? [value] : undefined;
  if (list === undefined)
    throw new EngineError(
      "DATASET_PARSE",
      `${source}: expected a JSON list of Label Studio tasks ([{"data": {...}, "annotations": [...], "predictions": [...]}])`,
      { file: source },
    );
  if (list.length === 0) throw new EngineError("DATASET_PARSE", `${source} has no tasks (an empty list)`, { file: source });
  return list.map((task, i) => {
    const parsed = labelStudioTaskSchema.safeParse(task);
    if (!parsed.success)
      throw new EngineError("DATASET_PARSE", `${source} task ${i + 1}: ${formatZodIssues(parsed.error, { first: true })}`, { file: source, line: i + 1 });
    return parsed.data;
  });
}
