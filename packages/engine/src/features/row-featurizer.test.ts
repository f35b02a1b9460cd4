import { describe, expect, it } from "vitest";
import type { SparseMatrix } from "../core/sparse-matrix";
import { hstackSparse } from "./hstack-sparse";
import { RowFeaturizer } from "./row-featurizer";
import { TabularFeatures } from "./tabular-features";

function dense(X: SparseMatrix): number[][] {
  return Array.from({ length: X.rows }, (_, i) => {
    const row = new Array<number>(X.cols).fill(0);
    for (let p = X.indptr[i]!; p < X.indptr[i + 1]!; p++) row[X.indices[p]!] = X.values[p]!;
    return row;
  });
}

describe("TabularFeatures", () => {
  it("standardises numbers and one-hot encodes categories seen in fit", () => {
    const train = [
      { age: "20", city: "Paris" },
      { age: 40, city: "Rome" },
      { age: "", city: "Paris" },
    ];
    const tab = TabularFeatures.fit(train, [
      { field: "age", kind: "numeric" },
      { field: "city", kind: "categorical" },
    ]);
    expect(tab.columns[0]).toEqual({ field: "age", kind: "numeric", mean: 30, std: 10 });
    expect(tab.dimension).toBe(3);
    const X = tab.transform([
      { age: 50, city: "Rome" },
      { age: null, city: "Oslo" },
    ]);
    expect(dense(X)).toEqual([
      [2, 0, 1],
      [0, 0, 0],
    ]);
    expect(TabularFeatures.fromJSON(JSON.parse(JSON.stringify(tab.toJSON()))).transform([{ age: 50, city: "Rome" }])).toEqual(
      tab.transform([{ age: 50, city: "Rome" }]),
    );
    expect(() => TabularFeatures.fit([{ age: "old" }], [{ field: "age", kind: "numeric" }])).toThrow(/field "age" of record 0 is "old", not a number/);
  });
});

describe("hstackSparse", () => {
  it("offsets later blocks' columns and checks row counts", () => {
    const a: SparseMatrix = { rows: 2, cols: 2, indptr: Int32Array.from([0, 1, 1]), indices: Int32Array.from([1]), values: Float32Array.from([5]) };
    const b: SparseMatrix = { rows: 2, cols: 3, indptr: Int32Array.from([0, 1, 2]), indices: Int32Array.from([0, 2]), values: Float32Array.from([7, 9]) };
    expect(dense(hstackSparse([a, b]))).toEqual([
      [0, 5, 7, 0, 0],
      [0, 0, 0, 0, 9],
    ]);
    expect(() => hstackSparse([a, { ...b, rows: 3 }])).toThrow(/block 1 has 3 rows, block 0 has 2/);
  });
});

describe("RowFeaturizer", () => {
  const records = Array.from({ length: 30 }, (_, i) => ({ score: String(i), color: ["red", "green"][i % 2], body: `free text number ${i} word${i}` }));

  it("infers numeric, categorical and text fields from records and round-trips through JSON", () => {
    const f = RowFeaturizer.fit(records, { tfidf: { dimension: 64 } });
    const spec = f.toJSON();
    expect(spec.textFields).toEqual(["body"]);
    expect(spec.tabular?.columns.map((c) => [c.field, c.kind])).toEqual([
      ["score", "numeric"],
      ["color", "categorical"],
    ]);
    expect(f.dimension).toBe(64 + 1 + 2);
    const X = f.transform(records.slice(0, 3));
    expect(X.cols).toBe(67);
    // row 1: color green -> one-hot column 64 + 1 + 0 ("green" sorts first)
    expect(dense(X)[1]![65]).toBe(1);
    const g = RowFeaturizer.fromJSON(JSON.parse(JSON.stringify(spec)));
    expect(g.transform(records)).toEqual(f.transform(records));
  });

  it("uses TF-IDF alone for string inputs and rejects records at transform time then", () => {
    const f = RowFeaturizer.fit(["a b", "b c"], { tfidf: { dimension: 32, charNgrams: [2, 3] } });
    expect(f.toJSON().textFields).toBeNull();
    expect(f.transform(["a b"]).cols).toBe(32);
    const t = RowFeaturizer.fit(records, { tfidf: { dimension: 8 } });
    expect(() => t.transform(["plain"])).toThrow(/input 0 is string, the features were fitted on records/);
    expect(() => RowFeaturizer.fromJSON({ version: 2 } as never)).toThrow(/unsupported feature spec version 2/);
  });
});
