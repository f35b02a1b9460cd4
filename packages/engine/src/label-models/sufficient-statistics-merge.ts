import { EngineError } from "../errors/engine-error";
import type { SufficientStatistics } from "./sufficient-statistics";

const add = (x: Float64Array, y: Float64Array): Float64Array => {
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = x[i]! + y[i]!;
  return out;
};

/**
 * Sums the statistics of two disjoint chunks of rows: the result equals the statistics of their
 * concatenation, so chunk jobs can run anywhere and be reduced in any order.
 *
 * @example
 * const total = [chunk1, chunk2, chunk3].map((c) => sufficientStatistics(c, 2)).reduce(mergeSufficientStatistics);
 */
export function mergeSufficientStatistics(a: SufficientStatistics, b: SufficientStatistics): SufficientStatistics {
  if (a.m !== b.m || a.k !== b.k) {
    throw new EngineError("INVALID_ARGUMENT", `mergeSufficientStatistics: shapes differ (m = ${a.m}, k = ${a.k} vs m = ${b.m}, k = ${b.k})`);
  }
  return {
    n: a.n + b.n,
    m: a.m,
    k: a.k,
    O: add(a.O, b.O),
    voteCounts: add(a.voteCounts, b.voteCounts),
    classVotes: add(a.classVotes, b.classVotes),
    coveredRows: a.coveredRows + b.coveredRows,
  };
}
