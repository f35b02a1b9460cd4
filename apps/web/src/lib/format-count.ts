/**
 * Formats an integer count with thousands separators (en-US, stable across server locales).
 *
 * @example
 * formatCount(12345); // "12,345"
 */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`formatCount: expected a finite number, got ${value}`);
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }).format(value);
}
