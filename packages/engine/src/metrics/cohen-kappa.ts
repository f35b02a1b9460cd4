import { EngineError } from "../errors/engine-error";

export interface CohenKappa {
  /** (po - pe) / (1 - pe); null when no item is shared or pe = 1 (both raters always gave one same class). */
  readonly kappa: number | null;
  /** Observed agreement po over the shared items; null when none. */
  readonly observed: number | null;
  /** Chance agreement pe from each rater's own class frequencies; null when no item is shared. */
  readonly expected: number | null;
  /** Items both raters labeled (label >= 0 in both). */
  readonly items: number;
}

/**
 * Cohen's kappa between two raters over k classes, on the items both labeled (-1 = not rated).
 * Chance agreement uses each rater's marginal class frequencies on those shared items.
 *
 * @example
 * // Cohen's classic 2x2: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no -> po 0.7, pe 0.5, kappa 0.4
 * cohenKappa(a, b, 2).kappa; // 0.4
 */
export function cohenKappa(a: ArrayLike<number>, b: ArrayLike<number>, k: number): CohenKappa {
  if (!Number.isInteger(k) || k < 1) throw new EngineError("INVALID_ARGUMENT", `cohenKappa: k must be a positive integer, got ${k}`);
  if (a.length !== b.length) throw new EngineError("INVALID_ARGUMENT", `cohenKappa: rater a has ${a.length} labels but rater b has ${b.length}`);
  const ma = new Float64Array(k);
  const mb = new Float64Array(k);
  let items = 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x < 0 || y < 0) continue;
    if (!Number.isInteger(x) || !Number.isInteger(y) || x >= k || y >= k)
      throw new EngineError("INVALID_ARGUMENT", `cohenKappa: item ${i} has labels ${x} / ${y}, outside 0..${k - 1}`);
    items++;
    ma[x]!++;
    mb[y]!++;
    if (x === y) same++;
  }
  if (items === 0) return { kappa: null, observed: null, expected: null, items };
  const observed = same / items;
  let expected = 0;
  for (let c = 0; c < k; c++) expected += (ma[c]! / items) * (mb[c]! / items);
  // pe = 1 only when both raters used one and the same class throughout: kappa is 0/0, undefined.
  const kappa = expected >= 1 - 1e-12 ? null : (observed - expected) / (1 - expected);
  return { kappa, observed, expected, items };
}
