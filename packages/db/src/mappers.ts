import type { DataRow, ProgramLanguage as EngineLanguage, Split as EngineSplit, TaskSpec, Program as EngineProgram } from "@alchemist/engine";
import type { ProgramLanguage, Split } from "./generated/prisma/enums";
import type { Row, Task } from "./generated/prisma/client";

/** Engine split name -> database enum. */
export const toDbSplit = (split: EngineSplit): Split => split.toUpperCase() as Split;
/** Database split enum -> engine split name. */
export const toEngineSplit = (split: Split): EngineSplit => split.toLowerCase() as EngineSplit;
/** Engine language -> database enum. */
export const toDbLanguage = (language: EngineLanguage): ProgramLanguage => language.toUpperCase() as ProgramLanguage;
/** Database language enum -> engine language. */
export const toEngineLanguage = (language: ProgramLanguage): EngineLanguage => language.toLowerCase() as EngineLanguage;

/**
 * A stored row as the engine's `DataRow` (`id` = externalId).
 *
 * @example
 * const inputs = rows.map(toDataRow).map((row) => programInput(row, spec.input));
 */
export function toDataRow(row: Pick<Row, "externalId" | "fields" | "split" | "gold">): DataRow {
  const fields = (row.fields ?? {}) as Record<string, unknown>;
  return row.gold === null
    ? { id: row.externalId, fields, split: toEngineSplit(row.split) }
    : { id: row.externalId, fields, split: toEngineSplit(row.split), gold: row.gold };
}

/**
 * A stored task as the engine's `TaskSpec`.
 *
 * @example
 * const spec = toTaskSpec(await getTask(prisma, taskId));
 */
export function toTaskSpec(
  task: Pick<Task, "name" | "description" | "input" | "language" | "functionName" | "classes"> & Partial<Pick<Task, "multiLabel">>,
): TaskSpec {
  const classes = task.classes as { name: string; description?: string }[];
  if (!Array.isArray(classes) || classes.length < 2)
    throw new Error(`task "${task.name}" has ${Array.isArray(classes) ? classes.length : 0} classes, needs >= 2`);
  return {
    name: task.name,
    description: task.description,
    input: task.input as string | string[],
    language: toEngineLanguage(task.language),
    functionName: task.functionName,
    classes: classes.map((c) => ({ name: c.name, description: c.description ?? "" })),
    ...(task.multiLabel === true ? { multiLabel: true } : {}),
  };
}

/**
 * The Task columns that store a `TaskSpec` (the inverse of `toTaskSpec`; id and project aside).
 *
 * @example
 * await prisma.task.create({ data: { projectId, ...toTaskColumns(spec) } });
 */
export function toTaskColumns(spec: TaskSpec) {
  return {
    name: spec.name,
    description: spec.description,
    input: spec.input as string | string[],
    language: toDbLanguage(spec.language),
    functionName: spec.functionName,
    classes: spec.classes.map((c) => ({ name: c.name, description: c.description })),
    multiLabel: spec.multiLabel === true,
  };
}

/** A stored program version as the engine's `Program`, named after its program. */
export function toEngineProgram(name: string, version: { language: ProgramLanguage; functionName: string; source: string }): EngineProgram {
  return { name, language: toEngineLanguage(version.language), functionName: version.functionName, source: version.source };
}
