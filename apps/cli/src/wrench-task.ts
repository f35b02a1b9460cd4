import type { Dataset, TaskSpec } from "@alchemist/engine";
import { EngineError } from "@alchemist/engine";

/**
 * The task of a WRENCH folder read without `--task`: classes from its `label.json` (in index
 * order), input `text`, Python programs calling `label_function`.
 *
 * @example
 * const task = wrenchTask(await readWrench("datasets/youtube"), "datasets/youtube");
 */
export function wrenchTask(dataset: Dataset, source: string): TaskSpec {
  const classNames = dataset.classNames ?? [];
  if (classNames.length < 2) throw new EngineError("TASK_INVALID", `${source}: label.json names ${classNames.length} classes; pass --task with >= 2 classes`);
  const missing = dataset.rows.find((row) => !Object.hasOwn(row.fields, "text"));
  if (missing) {
    throw new EngineError(
      "FIELD_NOT_FOUND",
      `${source}: row ${missing.id} has no "text" field (fields: ${Object.keys(missing.fields).join(", ")}); pass --task naming the input field`,
    );
  }
  return {
    name: dataset.name,
    description: `WRENCH dataset ${dataset.name}`,
    input: "text",
    language: "python",
    functionName: "label_function",
    classes: classNames.map((name) => ({ name, description: name })),
  };
}
