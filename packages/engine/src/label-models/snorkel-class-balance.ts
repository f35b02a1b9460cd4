import { EngineError } from "../errors/engine-error";

/**
 * Snorkel's `_set_class_balance`: the given balance as is (not renormalised — WRENCH passes
 * (dev counts + 1) / n_dev), else the class shares of dev gold labels, else uniform.
 * A zero prior is an error, as in Snorkel.
 *
 * @example
 * snorkelClassBalance(2, undefined, [0, 1, 1, 1]); // Float64Array [0.25, 0.75]
 */
export function snorkelClassBalance(k: number, classBalance?: ArrayLike<number>, devGold?: ArrayLike<number>): Float64Array {
  let p: Float64Array;
  if (classBalance) {
    if (classBalance.length !== k) throw new EngineError("INVALID_ARGUMENT", `snorkel: class balance has ${classBalance.length} entries for k = ${k}`);
    p = Float64Array.from(classBalance);
  } else if (devGold && devGold.length > 0) {
    p = new Float64Array(k);
    let total = 0;
    for (let i = 0; i < devGold.length; i++) {
      const y = devGold[i]!;
      if (y === -1) continue;
      if (!Number.isInteger(y) || y < 0 || y >= k)
        throw new EngineError("INVALID_ARGUMENT", `snorkel: dev gold label ${y} at position ${i} is outside 0..${k - 1}`);
      p[y]!++;
      total++;
    }
    for (let c = 0; c < k; c++) p[c]! /= total;
  } else {
    p = new Float64Array(k).fill(1 / k);
  }
  p.forEach((x, c) => {
    if (!(x > 0) || !Number.isFinite(x))
      throw new EngineError("INVALID_ARGUMENT", `snorkel: class balance prior for class ${c} is ${x}; every class needs a positive prior`);
  });
  return p;
}
