import type { TaskSpec } from "../core/task";
import { EngineError } from "../errors/engine-error";
import type { SourceRecord } from "./map-records";

/**
 * What programs receive for a batch of source records, without building dataset rows: the task's
 * input field (or a `{field: value}` record of its fields) of each record. `first` marks the first
 * batch of a file, whose first record must have every input field (the error lists the columns
 * there are); a later record without one fails naming its line. For streamed applies
 * (`alchemist apply`), where gold, splits and ids are not needed.
 *
 * @example
 * recordProgramInputs([{ line: 2, values: { text: "hi" } }], "text", "sms.csv", true); // ["hi"]
 */
export function recordProgramInputs(records: readonly SourceRecord[], input: TaskSpec["input"], source: string, first: boolean): unknown[] {
  const fields = typeof input === "string" ? [input] : input;
  if (fields.length === 0) throw new EngineError("INVALID_ARGUMENT", `${source}: the task's input names 0 fields`);
  const head = records[0];
  if (first && head) {
    for (const field of fields) {
      if (!Object.hasOwn(head.values, field)) {
        const available = Object.keys(head.values);
        const shown = available.map((name) => (name.length > 40 ? `${name.slice(0, 37)}...` : name)).join(", ");
        throw new EngineError("FIELD_NOT_FOUND", `${source}: input field "${field}" not found; available columns: ${shown || "(none)"}`, {
          file: source,
          field,
          available,
        });
      }
    }
  }
  const missing = (record: SourceRecord, field: string): never => {
    throw new EngineError("FIELD_NOT_FOUND", `${source} line ${record.line}: input field "${field}" is missing`, { file: source, line: record.line, field });
  };
  if (typeof input === "string") {
    return records.map((record) => {
      const value = record.values[input];
      return value === undefined ? missing(record, input) : value;
    });
  }
  return records.map((record) => {
    const out: Record<string, unknown> = {};
    for (const field of fields) out[field] = record.values[field] ?? missing(record, field);
    return out;
  });
}
