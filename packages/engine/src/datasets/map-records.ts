import type { DataRow, Split } from "../core/dataset";
import { EngineError } from "../errors/engine-error";
import { assignSplits } from "./assign-splits";
import { checkLabelMap, labelMapKey, type LabelMap } from "./label-map";
import { parseGoldLabel } from "./parse-gold-label";
import { parseGoldLabelSet } from "./parse-gold-label-set";
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
  /** Raw gold values to class names (checked by `checkLabelMap`); without it gold is a class name or 0-based index. */
  readonly labelMap?: LabelMap;
  /** Multi-label task: the gold field holds a list of classes per row (`parseGoldLabelSet`), kept as `goldSet`. */
  readonly multiLabel?: boolean;
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
      throw new EngineError("FIELD_NOT_FOUND", `${source}: ${role} field "${field}" not found; available columns: ${shown || "(none)"}`, {
        file: source,
        field,
        available,
      });
    }
  }
}

/** A copy of `values` without `key`; rest destructuring, because `delete` would turn every row into a slow dictionary object. */
function without(values: Readonly<Record<string, unknown>>, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = values;
  return rest;
}

/** Why a raw gold value named no class, and what would fix it. */
function unknownLabel(raw: unknown, classNames: readonly string[], labelMap: LabelMap | undefined, where: string): string {
  const key = labelMapKey(raw);
  if (labelMap !== undefined) {
    const known = Object.keys(labelMap);
    return `${where}: label ${JSON.stringify(raw)} is not in the label map (raw values ${known.map((k) => JSON.stringify(k)).join(", ")}); add it, e.g. ${key ?? "value"}=${classNames[0]}`;
  }
  const k = classNames.length;
  const example = classNames.map((c, i) => `${i + 1}=${c}`).join(",");
  const hint =
    key !== undefined && /^-?\d+$/.test(key)
      ? Number(key) === k
        ? `; the labels look 1-based: map them with a label map (--label-map ${example}, or labels: in the task)`
        : `; map raw values to classes with a label map (--label-map ${key}=${classNames[0]},..., or labels: in the task)`
      : "; map raw values to classes with a label map (--label-map raw=class,..., or labels: in the task)";
  return `${where}: label ${JSON.stringify(raw)} is not one of the classes ${classNames.join(", ")} or an index 0..${k - 1}${hint}`;
}

/** A gold value read through a label map: the class index, undefined for no gold, null for a value the map lacks. */
function mappedGold(raw: unknown, classNames: readonly string[], labelMap: LabelMap): number | undefined | null {
  const key = labelMapKey(raw);
  if (key === undefined) return undefined;
  if (!Object.hasOwn(labelMap, key)) return null;
  const name = labelMap[key];
  return name === null || name === undefined ? undefined : classNames.indexOf(name);
}

/**
 * Turns source records into dataset rows: checks the mapped fields exist, maps gold labels
 * (class names or indices) to indices, reads the split column (`valid`/`validation` mean dev)
 * or assigns seeded splits, and takes ids from the id field or the 1-based row number. With a
 * `labelMap`, gold values are looked up in it (raw value -> class name) instead.
 * `records` may also come in batches (arrays of records, as `readRecordBatches` yields them).
 *
 * @example
 * const rows = await mapRecords(readJsonl("data.jsonl"), {
 *   source: "data.jsonl", mapping: { input: "text", label: "label" }, classNames: ["ham", "spam"], seed: 1,
 * });
 */
export async function mapRecords(
  records: AsyncIterable<SourceRecord | readonly SourceRecord[]> | Iterable<SourceRecord>,
  options: MapRecordsOptions,
): Promise<DataRow[]> {
  const { source, mapping, classNames, seed } = options;
  const labelMap = options.labelMap === undefined ? undefined : checkLabelMap(options.labelMap, classNames, source);
  const inputs = typeof mapping.input === "string" ? [mapping.input] : mapping.input;
  if (inputs.length === 0) throw new EngineError("INVALID_ARGUMENT", `${source}: the field mapping names 0 input fields`);
  if (mapping.label !== undefined && classNames.length < 2) {
    throw new EngineError("INVALID_ARGUMENT", `${source}: gold labels need at least 2 class names, got ${classNames.length}`);
  }
  // The gold column is not row data: kept in fields it would reach reviewers, prompts and exports
  // as an ordinary field (a gold leak). Gold lives in `gold` only, unless it is also an input.
  const dropped = mapping.label !== undefined && !inputs.includes(mapping.label) ? mapping.label : undefined;
  const rows: { id: string; fields: Record<string, unknown>; gold?: number; goldSet?: number[]; split?: Split }[] = [];
  const readItem = (raw: unknown): number | undefined | null =>
    labelMap === undefined ? parseGoldLabel(raw, classNames) : mappedGold(raw, classNames, labelMap);
  // Row-number ids cannot repeat: only ids from a column need the duplicate check.
  const idLines = mapping.id === undefined ? undefined : new Map<string, number>();
  const add = (record: SourceRecord): void => {
    if (rows.length === 0) checkFields(record, source, mapping);
    const { values } = record;
    for (const field of inputs) {
      if (values[field] === undefined) {
        throw new EngineError("FIELD_NOT_FOUND", `${source} line ${record.line}: input field "${field}" is missing`, {
          file: source,
          line: record.line,
          field,
        });
      }
    }
    let id: string;
    if (idLines === undefined) id = String(rows.length + 1);
    else {
      id = String(values[mapping.id!] ?? "").trim();
      if (id === "")
        throw new EngineError("DATASET_PARSE", `${source} line ${record.line}: id field "${mapping.id}" is empty`, { file: source, line: record.line });
      const previous = idLines.get(id);
      if (previous !== undefined) {
        throw new EngineError("DATASET_PARSE", `${source}: duplicate id "${id}" on lines ${previous} and ${record.line}`, { file: source, line: record.line });
      }
      idLines.set(id, record.line);
    }
    const fields = dropped === undefined ? { ...values } : without(values, dropped);
    const row: (typeof rows)[number] = { id, fields };
    if (mapping.label !== undefined && options.multiLabel === true) {
      const raw = values[mapping.label];
      const gold = parseGoldLabelSet(raw, classNames, readItem);
      const where = `${source} line ${record.line}`;
      if (gold !== undefined && "unknown" in gold)
        throw new EngineError("DATASET_PARSE", unknownLabel(gold.unknown, classNames, labelMap, where), { file: source, line: record.line });
      if (gold !== undefined && "malformed" in gold)
        throw new EngineError("DATASET_PARSE", `${where}: gold ${gold.malformed}; write a multi-label gold as a|b or a JSON list ["a","b"]`, {
          file: source,
          line: record.line,
        });
      if (gold !== undefined) row.goldSet = gold;
    } else if (mapping.label !== undefined) {
      const raw = values[mapping.label];
      const gold = labelMap === undefined ? parseGoldLabel(raw, classNames) : mappedGold(raw, classNames, labelMap);
      if (gold === null)
        throw new EngineError("DATASET_PARSE", unknownLabel(raw, classNames, labelMap, `${source} line ${record.line}`), { file: source, line: record.line });
      if (gold !== undefined) row.gold = gold;
    }
    if (mapping.split !== undefined) {
      const raw = values[mapping.split];
      const split = parseSplit(raw);
      if (split === undefined) {
        throw new EngineError("DATASET_PARSE", `${source} line ${record.line}: split ${JSON.stringify(raw)} is not train, dev, test, valid or validation`, {
          file: source,
          line: record.line,
        });
      }
      row.split = split;
    }
    rows.push(row);
  };
  for await (const item of records) {
    if (Array.isArray(item)) for (const record of item as readonly SourceRecord[]) add(record);
    else add(item as SourceRecord);
  }
  if (mapping.split === undefined) {
    const splits = assignSplits(rows.length, seed);
    for (let i = 0; i < rows.length; i++) rows[i]!.split = splits[i]!;
  }
  return rows as DataRow[];
}
