import type { Dataset } from "../../core/dataset";
import type { FieldMapping } from "../../datasets/map-records";
import { EngineError } from "../../errors/engine-error";
import { readWrench } from "./read-wrench";

/**
 * Reads a WRENCH folder and checks it against the caller's mapping (input defaults to `text`;
 * WRENCH has its own labels and splits, so only `input` applies) and class count.
 *
 * @example
 * await loadWrenchDataset("datasets/sms", { input: "text" }, ["ham", "spam"]);
 */
export async function loadWrenchDataset(dir: string, mapping: FieldMapping | undefined, classNames: readonly string[] | undefined): Promise<Dataset> {
  const dataset = await readWrench(dir);
  const known = dataset.classNames ?? [];
  if (classNames !== undefined && classNames.length > 0 && classNames.length !== known.length) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `${dir}: the task has ${classNames.length} classes (${classNames.join(", ")}) but label.json has ${known.length} (${known.join(", ")})`,
    );
  }
  const inputs = mapping === undefined ? ["text"] : typeof mapping.input === "string" ? [mapping.input] : mapping.input;
  const first = dataset.rows[0];
  if (first === undefined) throw new EngineError("DATASET_PARSE", `${dir}: the WRENCH files hold no rows`, { file: dir });
  for (const field of inputs) {
    if (!Object.hasOwn(first.fields, field)) {
      const available = Object.keys(first.fields);
      throw new EngineError("FIELD_NOT_FOUND", `${dir}: input field "${field}" not found in "data"; available fields: ${available.join(", ")}`, {
        file: dir,
        field,
        available,
      });
    }
  }
  return dataset;
}
