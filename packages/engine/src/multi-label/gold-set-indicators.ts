/**
 * Gold class sets of `rows` as an indicator matrix (rows.length x k, 1 = the class applies), keeping
 * only rows with gold; `kept` lists those rows (same order).
 *
 * @example
 * goldSetIndicators([[0], undefined, [1, 2]], Int32Array.of(0, 1, 2), 3);
 * // { kept: Int32Array [0, 2], values: Uint8Array [1,0,0, 0,1,1] }
 */
export function goldSetIndicators(
  goldSets: readonly (readonly number[] | undefined)[],
  rows: ArrayLike<number>,
  k: number,
): { readonly kept: Int32Array; readonly values: Uint8Array } {
  const kept: number[] = [];
  for (let r = 0; r < rows.length; r++) if (goldSets[rows[r]!] !== undefined) kept.push(rows[r]!);
  const values = new Uint8Array(kept.length * k);
  kept.forEach((row, at) => {
    for (const c of goldSets[row]!) values[at * k + c] = 1;
  });
  return { kept: Int32Array.from(kept), values };
}
