/**
 * `values` at the given rows, in `rows` order.
 *
 * @example
 * pickRows(Int32Array.of(5, 6, 7), Int32Array.of(2, 0)); // Int32Array [7, 5]
 */
export function pickRows(values: ArrayLike<number>, rows: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: rows.length }, (_, at) => values[rows[at]!]!);
}
