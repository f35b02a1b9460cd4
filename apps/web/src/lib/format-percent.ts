/**
 * Formats a fraction in [0, 1] as a percentage with fixed decimals; missing or non-finite
 * values render as an em dash so tables never show "NaN%".
 *
 * @example
 * formatPercent(0.1234); // "12.3%"
 * formatPercent(undefined); // "—"
 */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6) {
    throw new RangeError(`formatPercent: decimals must be an integer in 0..6, got ${decimals}`);
  }
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const percent = (value * 100).toFixed(decimals);
  // -0.0 after rounding reads as a bug; show it as zero.
  return `${Number(percent) === 0 ? (0).toFixed(decimals) : percent}%`;
}
