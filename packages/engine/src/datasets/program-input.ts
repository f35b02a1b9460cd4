import type { DataRow } from "../core/dataset";
import type { TaskSpec } from "../core/task";
import { EngineError } from "../errors/engine-error";

function fieldValue(row: DataRow, field: string): unknown {
  if (!Object.hasOwn(row.fields, field)) {
    throw new EngineError("FIELD_NOT_FOUND", `row ${row.id} has no field "${field}"; fields: ${Object.keys(row.fields).join(", ")}`);
  }
  return row.fields[field];
}

/**
 * What a program receives for one row: the field's value when the task's input is one field,
 * a `{field: value}` record when it is a list of fields.
 *
 * @example
 * programInput(row, "text");              // "win a prize now"
 * programInput(row, ["title", "body"]);   // {title: "...", body: "..."}
 */
export function programInput(row: DataRow, input: TaskSpec["input"]): unknown {
  if (typeof input === "string") return fieldValue(row, input);
  if (input.length === 0) throw new EngineError("INVALID_ARGUMENT", "task input lists 0 fields");
  const record: Record<string, unknown> = {};
  for (const field of input) record[field] = fieldValue(row, field);
  return record;
}
