import { EngineError } from "../errors/engine-error";
import type { LabelStudioTask } from "./label-studio-schema";

/**
 * The `<Choices>` name the tasks' choices results use, when there is exactly one; several (or
 * none) is an error saying how to choose.
 *
 * @example
 * labelStudioFromName(tasks, "export.json"); // "sentiment"
 */
export function labelStudioFromName(tasks: readonly LabelStudioTask[], source: string): string {
  const names = new Set<string>();
  for (const task of tasks) {
    for (const answer of [...(task.annotations ?? task.completions ?? []), ...(task.predictions ?? [])])
      for (const r of answer.result) if (r.type === "choices") names.add(r.from_name);
    if (names.size > 1)
      throw new EngineError(
        "DATASET_PARSE",
        `${source}: the tasks' results use several <Choices> (${[...names].join(", ")}); name the one to read (--from-name)`,
        { file: source },
      );
  }
  const [only] = names;
  if (only === undefined)
    throw new EngineError("DATASET_PARSE", `${source}: no task has a choices annotation or prediction; export the project with its annotations`, {
      file: source,
    });
  return only;
}
