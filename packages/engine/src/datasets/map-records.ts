import type { DataRow, Split } from "../core/dataset";
import { EngineError } from "../errors/engine-error";
import { assignSplits } from "./assign-splits";
import { parseGoldLabel } from "./parse-gold-label";
import { parseSplit } from "./parse-split";

/** One record read from a file; `line` is where it starts (1-based), for error messages. */
export interface SourceRecord {
  readonly line: number;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Which source columns hold the program input, the gold label, the split and the row id. */
export interface FieldMapping {
  readonly input: string | readonly string[];
  readonly label?: string;
  readonly split?: string;
  readonly id?: string;
}

export interface MapRecordsOptions {
  readonly source: string;
  readonly mapping: FieldMapping;
  readonly classNames: readonly string[];
  readonly seed: number;
}

function mappedFields(mapping: FieldMapping): { role: string; field: string }[] {
  const inputs = typeof mapping.input === "string" ? [mapping.input] : mapping.input;
  const fields = inputs.map((field) => ({ role: "input", field }));
  for (const role of ["label", "split", "id"] as const) {
    const field = mapping[role];
    if (field !== undefined) fields.push({ role, field });
  }
  return fields;
}

function checkFields(record: SourceRecord, source: string, mapping: FieldMapping): void {
  const available = Object.keys(record.values);
  // A header-less file's "header" is data: keep the list readable.
  const shown = available.map((name) => (name.length > 40 ? `${name.slice(0, 37)}...` : name)).join(", ");
  for (const { role, field } of mappedFields(mapping)) {
    if (!Object.hasOwn(record.values, field)) {
      throw new EngineError(
        "FIELD_NOT_FOUND",
        `${source}: ${role} field "${field}" not found; available columns: ${shown || "(none)"}`,
        { file: source, field, available },
      );
    }
  }
}

/**
 * Turns source records into dataset rows: checks the mapped fields exist, maps gold labels
 * (class names or indices) to indices, reads the split column (`valid`/`validation` mean dev)
 * or assigns seeded splits, and takes ids from the id field or the 1-based row number.
 *
 * @example
 * const rows = await mapRecords(readJsonl("data.jsonl"), {
 *   source: "data.jsonl", mapping: { input: "text", label: "label" }, classNames: ["ham", "spam"], seed: 1,
 * });
 */
export async function mapRecords(
  records: AsyncIterable<SourceRecord> | Iterable<SourceRecord>,
  options: MapRecordsOptions,
): Promise<DataRow[]> {
  const { source, mapping, classNames, seed } = options;
  const inputs = typeof mapping.input === "string" ? [mapping.input] : mapping.input;
  if (inputs.length === 0) throw new EngineError("INVALID_ARGUMENT", `${source}: the field mapping names 0 input fields`);
  if (mapping.label !== undefined && classNames.length < 2) {
    throw new EngineError("INVALID_ARGUMENT", `${source}: gold labels need at least 2 class names, got ${classNames.length}`);
  }
  const rows: { id: string; fields: Record<string, unknown>; split?: Split; gold?: number }[] = [];
  const idLines = new Map<string, number>();
  for await (const record of records) {
    if (rows.length === 0) checkFields(record, source, mapping);
    const at = `${source} line ${record.line}`;
    for (const field of inputs) {
      if (record.values[field] === undefined) {
        throw new EngineError("FIELD_NOT_FOUND", `${at}: input field "${field}" is missing`, { file: source, line: record.line, field });
      }
    }
    const id = mapping.id === undefined ? String(rows.length + 1) : String(record.values[mapping.id] ?? "").trim();
    if (id === "") throw new EngineError("DATASET_PARSE", `${at}: id field "${mapping.id}" is empty`, { file: source, line: record.line });
    const previous = idLines.get(id);
    if (previous !== undefined) {
      throw new EngineError("DATASET_PARSE", `${source}: duplicate id "${id}" on lines ${previous} and ${record.line}`, { file: source, line: record.line });
    }
    idLines.set(id, record.line);
    const fields = { ...record.values };
    // The gold column is not row data: kept in fields it would reach reviewers, prompts and exports
    // as an ordinary field (a gold leak). Gold lives in `gold` only, unless it is also an input.
    if (mapping.label !== undefined && !inputs.includes(mapping.label)) delete fields[mapping.label];
    const row: (typeof rows)[number] = { id, fields };
    if (mapping.label !== undefined) {
      const raw = record.values[mapping.label];
      const gold = parseGoldLabel(raw, classNames);
      if (gold === null) {
        throw new EngineError(
          "DATASET_PARSE",
          `${at}: label ${JSON.stringify(raw)} is not one of the classes ${classNames.join(", ")} or an index 0..${classNames.length - 1}`,
          { file: source, line: record.line },
        );
      }
      if (gold !== undefined) row.gold = gold;
    }
    if (mapping.split !== undefined) {
      const raw = record.values[mapping.split];
      const split = parseSplit(raw);
      if (split === undefined) {
        throw new EngineError("DATASET_PARSE", `${at}: split ${JSON.stringify(raw)} is not train, dev, test, valid or validation`, { file: source, line: record.line });
      }
      row.split = split;
    }
    rows.push(row);
  }
  const splits = mapping.split === undefined ? assignSplits(rows.length, seed) : undefined;
  return rows.map((row, i) => ({ ...row, split: splits ? splits[i]! : row.split! }));
}
