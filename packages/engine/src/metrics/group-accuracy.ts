import { EngineError } from "../errors/engine-error";

export interface GroupAccuracy {
  /** Per group (`<class> / <group value>`, as in Waterbirds' landbird/water): rows with gold and accuracy. */
  readonly groups: readonly { readonly group: string; readonly n: number; readonly accuracy: number }[];
  /** The group with the lowest accuracy, or null when no row has gold. */
  readonly worst: { readonly group: string; readonly n: number; readonly accuracy: number } | null;
  readonly average: number | null;
}

/**
 * Accuracy per group and the worst group (the robustness metric of Waterbirds/CelebA): a row's
 * group is its gold class with its `groupValues` entry. Rows without gold (< 0) are skipped.
 * Groups are listed in name order; ties for the worst go to the first.
 *
 * @example
 * groupAccuracy(gold, pred, ["water", "land", ...], ["landbird", "waterbird"]).worst; // { group: "landbird / water", n: 12, accuracy: 0.58 }
 */
export function groupAccuracy(gold: ArrayLike<number>, pred: ArrayLike<number>, groupValues: readonly string[], classNames: readonly string[]): GroupAccuracy {
  if (gold.length !== pred.length || gold.length !== groupValues.length) {
    throw new EngineError(
      "INVALID_ARGUMENT",
      `groupAccuracy: ${gold.length} gold labels, ${pred.length} predictions and ${groupValues.length} group values must match`,
    );
  }
  const tally = new Map<string, { n: number; right: number }>();
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i]!;
    if (g < 0) continue;
    const key = `${classNames[g] ?? g} / ${groupValues[i]}`;
    const t = tally.get(key) ?? { n: 0, right: 0 };
    t.n += 1;
    if (pred[i] === g) t.right += 1;
    tally.set(key, t);
  }
  const groups = [...tally.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([group, t]) => ({ group, n: t.n, accuracy: t.right / t.n }));
  const worst = groups.reduce<GroupAccuracy["worst"]>((w, g) => (w === null || g.accuracy < w.accuracy ? g : w), null);
  const average = groups.length ? groups.reduce((s, g) => s + g.accuracy, 0) / groups.length : null;
  return { groups, worst, average };
}
