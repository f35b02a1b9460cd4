/**
 * How many distinct votes a task has: its k class indices, or for a multi-label task the 2^k class
 * sets, which programs' votes carry as bitmasks (bit c set = class c applies; 0 = no class applies).
 * Label matrices and the runner's codes are sized by it; Int16 holds up to 15 classes that way.
 *
 * @example
 * voteCodeCount(3, false); // 3
 * voteCodeCount(3, true);  // 8
 */
export function voteCodeCount(k: number, multiLabel: boolean): number {
  return multiLabel ? 2 ** k : k;
}
