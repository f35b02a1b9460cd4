import { EngineError } from "../errors/engine-error";

export interface FleissKappa {
  /** (P̄ - P̄e) / (1 - P̄e); null when fewer than one usable item or P̄e = 1 (every rating in one class). */
  readonly kappa: number | null;
  /** Mean per-item agreement P̄ over usable items; null when none. */
  readonly observed: number | null;
  /** Chance agreement P̄e = sum of squared class proportions; null when no usable item. */
  readonly expected: number | null;
  /** Items with at least 2 ratings (the ones kappa is computed on). */
  readonly items: number;
  /** Ratings on those items. */
  readonly ratings: number;
}

/**
 * Fleiss' kappa for any number of raters over k classes. `counts` is items x k row-major: how many
 * raters put item i in class j. The number of raters may vary by item: each item's agreement is
 * sum n_ij (n_ij - 1) / (n_i (n_i - 1)) and class proportions are pooled over all ratings, which
 * reduces to Fleiss (1971) when every item has the same number of raters. Items with fewer than 2
 * ratings carry no agreement information and are left out (`items` says how many were used).
 *
 * @example
 * // Fleiss (1971) / Wikipedia: 10 items, 14 raters each, 5 classes
 * fleissKappa(counts, 10, 5).kappa; // 0.2099...
 */
export function fleissKappa(counts: ArrayLike<number>, n: number, k: number): FleissKappa {
  if (!Number.isInteger(n) || n < 0) throw new EngineError("INVALID_ARGUMENT", `fleissKappa: item count must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(k) || k < 1) throw new EngineError("INVALID_ARGUMENT", `fleissKappa: k must be a positive integer, got ${k}`);
  if (counts.length !== n * k)
    throw new EngineError("INVALID_ARGUMENT", `fleissKappa: counts has ${counts.length} cells, expected ${n} items x ${k} classes = ${n * k}`);
  const classTotals = new Float64Array(k);
  let items = 0;
  let ratings = 0;
  let agreementSum = 0;
  for (let i = 0; i < n; i++) {
    let ni = 0;
    let pairs = 0;
    for (let j = 0; j < k; j++) {
      const c = counts[i * k + j]!;
      if (!Number.isInteger(c) || c < 0)
        throw new EngineError("INVALID_ARGUMENT", `fleissKappa: item ${i} class ${j} has count ${c}; counts must be non-negative integers`);
      ni += c;
      pairs += c * (c - 1);
    }
    if (ni < 2) continue;
    items++;
    ratings += ni;
    agreementSum += pairs / (ni * (ni - 1));
    for (let j = 0; j < k; j++) classTotals[j]! += counts[i * k + j]!;
  }
  if (items === 0) return { kappa: null, observed: null, expected: null, items, ratings };
  const observed = agreementSum / items;
  let expected = 0;
  for (let j = 0; j < k; j++) expected += (classTotals[j]! / ratings) ** 2;
  const kappa = expected >= 1 - 1e-12 ? null : (observed - expected) / (1 - expected);
  return { kappa, observed, expected, items, ratings };
}
