import type { SparseMatrix } from "../core/sparse-matrix";
import { EngineError } from "../errors/engine-error";

/** One record field's encoding: standardised number, or one-hot over the train values seen. */
export type TabularColumn =
  | { readonly field: string; readonly kind: "numeric"; readonly mean: number; readonly std: number }
  | { readonly field: string; readonly kind: "categorical"; readonly values: readonly string[] };

export interface TabularFeaturesJson {
  readonly version: 1;
  readonly columns: readonly TabularColumn[];
}

/** A value as a finite number, or null (empty strings and non-numbers are not numeric). */
export function numericValue(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value !== "string" || value.trim() === "") return null;
  const x = Number(value);
  return Number.isFinite(x) ? x : null;
}

const missing = (value: unknown): boolean => value === null || value === undefined || (typeof value === "string" && value.trim() === "");
const categoryOf = (value: unknown): string => (typeof value === "string" ? value.trim() : JSON.stringify(value));

/**
 * Tabular features for record inputs: numeric fields are standardised ((x - mean) / std over the
 * fit records, missing -> 0 = the mean), categorical fields one-hot encoded over the values seen
 * in the fit records (sorted; unseen and missing values -> all zeros). Columns follow `columns`
 * order; a numeric column takes 1 feature, a categorical column one per value.
 *
 * @example
 * const tab = TabularFeatures.fit(trainRecords, [{ field: "age", kind: "numeric" }, { field: "city", kind: "categorical" }]);
 * const X = tab.transform(records); // SparseMatrix, records x tab.dimension
 */
export class TabularFeatures {
  readonly dimension: number;
  private readonly offsets: number[];

  constructor(readonly columns: readonly TabularColumn[]) {
    this.offsets = [];
    let at = 0;
    for (const column of columns) {
      this.offsets.push(at);
      at += column.kind === "numeric" ? 1 : column.values.length;
    }
    this.dimension = at;
  }

  /** Fits means/stds and category lists of the given fields on `records` (the train rows). */
  static fit(records: readonly Readonly<Record<string, unknown>>[], fields: readonly { field: string; kind: "numeric" | "categorical" }[]): TabularFeatures {
    const columns: TabularColumn[] = fields.map(({ field, kind }) => {
      if (kind === "categorical") {
        const values = new Set<string>();
        for (const record of records) if (!missing(record[field])) values.add(categoryOf(record[field]));
        return { field, kind, values: [...values].sort() };
      }
      let n = 0;
      let sum = 0;
      let sumSq = 0;
      records.forEach((record, i) => {
        if (missing(record[field])) return;
        const x = numericValue(record[field]);
        if (x === null)
          throw new EngineError("INVALID_ARGUMENT", `TabularFeatures: field "${field}" of record ${i} is ${JSON.stringify(record[field])}, not a number`);
        n++;
        sum += x;
        sumSq += x * x;
      });
      const mean = n === 0 ? 0 : sum / n;
      const variance = n === 0 ? 0 : Math.max(0, sumSq / n - mean * mean);
      return { field, kind, mean, std: variance > 0 ? Math.sqrt(variance) : 1 };
    });
    return new TabularFeatures(columns);
  }

  /** One sparse row per record; values not seen in fit (or not numeric) encode as zeros. */
  transform(records: readonly Readonly<Record<string, unknown>>[]): SparseMatrix {
    const indptr = new Int32Array(records.length + 1);
    const indices: number[] = [];
    const values: number[] = [];
    const lookups = this.columns.map((c) => (c.kind === "categorical" ? new Map(c.values.map((v, at) => [v, at])) : null));
    records.forEach((record, i) => {
      this.columns.forEach((column, c) => {
        const value = record[column.field];
        if (missing(value)) return;
        if (column.kind === "numeric") {
          const x = numericValue(value);
          const z = x === null ? 0 : (x - column.mean) / column.std;
          if (z !== 0) {
            indices.push(this.offsets[c]!);
            values.push(z);
          }
          return;
        }
        const at = lookups[c]!.get(categoryOf(value));
        if (at === undefined) return;
        indices.push(this.offsets[c]! + at);
        values.push(1);
      });
      indptr[i + 1] = indices.length;
    });
    return { rows: records.length, cols: this.dimension, indptr, indices: Int32Array.from(indices), values: Float32Array.from(values) };
  }

  toJSON(): TabularFeaturesJson {
    return { version: 1, columns: this.columns };
  }

  static fromJSON(json: TabularFeaturesJson): TabularFeatures {
    if (json?.version !== 1 || !Array.isArray(json.columns))
      throw new EngineError("INVALID_ARGUMENT", `TabularFeatures.fromJSON: unsupported version ${String(json?.version)}`);
    return new TabularFeatures(json.columns);
  }
}
