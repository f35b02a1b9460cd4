/** A linear axis: its domain and the tick values to label (inclusive of both ends). */
export interface ChartAxis {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
}

const STEPS = [1, 2, 2.5, 5, 10];

/**
 * A readable linear axis around `[lo, hi]`: the domain widened to round numbers, about `count`
 * ticks at 1/2/2.5/5 x 10^n steps, clamped to `[floor, ceil]` when given (accuracy stays in 0..1).
 *
 * @example
 * niceAxis(0.31, 0.69, 4); // { min: 0.3, max: 0.7, ticks: [0.3, 0.4, 0.5, 0.6, 0.7] }
 * niceAxis(0.91, 0.97, 4, { floor: 0, ceil: 1 }); // { min: 0.9, max: 0.98, ... }
 */
export function niceAxis(lo: number, hi: number, count: number, clamp: { floor?: number; ceil?: number } = {}): ChartAxis {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) throw new Error(`niceAxis needs finite bounds, got ${lo}..${hi}`);
  if (hi < lo) [lo, hi] = [hi, lo];
  // A flat series still gets an axis with some height around its value.
  if (hi - lo < 1e-9) [lo, hi] = [lo - Math.max(Math.abs(lo) * 0.05, 0.01), hi + Math.max(Math.abs(hi) * 0.05, 0.01)];
  const raw = (hi - lo) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = STEPS.map((s) => s * magnitude).find((s) => s >= raw - 1e-12) ?? 10 * magnitude;
  let min = Math.floor(lo / step + 1e-9) * step;
  let max = Math.ceil(hi / step - 1e-9) * step;
  if (clamp.floor !== undefined) min = Math.max(clamp.floor, min);
  if (clamp.ceil !== undefined) max = Math.min(clamp.ceil, max);
  const ticks: number[] = [];
  for (let t = min; t <= max + step * 1e-6; t += step) ticks.push(Number(t.toPrecision(12)));
  return { min: Number(min.toPrecision(12)), max: Number(max.toPrecision(12)), ticks };
}

/**
 * Epoch ticks for an x-axis that ends at `last`: 1, `last` and round steps between, at most `count`.
 *
 * @example
 * epochTicks(7, 6); // [1, 2, 3, 4, 5, 6, 7]
 * epochTicks(30, 6); // [1, 5, 10, 15, 20, 25, 30]
 */
export function epochTicks(last: number, count: number): number[] {
  if (last <= 1) return [1];
  const step = [1, 2, 5, 10, 20, 25, 50, 100].find((s) => (last - 1) / s <= count) ?? Math.ceil((last - 1) / count);
  const ticks = [1];
  for (let t = step; t < last; t += step) if (t > 1) ticks.push(t);
  ticks.push(last);
  // A round tick right next to the last one would print on top of it.
  if (ticks.length > 2 && last - ticks[ticks.length - 2]! < step / 2) ticks.splice(ticks.length - 2, 1);
  return ticks;
}
