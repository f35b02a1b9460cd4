import { voteArrayFor, type LabelMatrix } from "../core/label-matrix";
import { EngineError } from "../errors/engine-error";

/**
 * A label matrix with only the given columns (programs), in the given order.
 *
 * @example
 * selectColumns(L, [0, 2]); // L without its second program
 */
export function selectColumns(L: LabelMatrix, columns: readonly number[]): LabelMatrix {
  for (const j of columns)
    if (!Number.isInteger(j) || j < 0 || j >= L.m) throw new EngineError("INVALID_ARGUMENT", `selectColumns: column ${j} is outside 0..${L.m - 1}`);
  const m = columns.length;
  const values = L.values instanceof Int8Array ? new Int8Array(L.n * m) : L.values instanceof Int16Array ? new Int16Array(L.n * m) : new Int32Array(L.n * m);
  for (let i = 0; i < L.n; i++) for (let c = 0; c < m; c++) values[i * m + c] = L.values[i * L.m + columns[c]!]!;
  return { n: L.n, m, values };
}

/**
 * Two label matrices over the same rows side by side (`a`'s programs first), for k classes.
 *
 * @example
 * appendColumns(L, { n: L.n, m: 1, values: llmColumn }, 2); // one more source
 */
export function appendColumns(a: LabelMatrix, b: LabelMatrix, k: number): LabelMatrix {
  if (a.n !== b.n) throw new EngineError("INVALID_ARGUMENT", `appendColumns: ${a.n} rows beside ${b.n} rows`);
  const m = a.m + b.m;
  const values = voteArrayFor(k, a.n * m);
  for (let i = 0; i < a.n; i++) {
    values.set(a.values.subarray(i * a.m, (i + 1) * a.m), i * m);
    values.set(b.values.subarray(i * b.m, (i + 1) * b.m), i * m + a.m);
  }
  return { n: a.n, m, values };
}
