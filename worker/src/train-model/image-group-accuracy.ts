import { groupAccuracy, type GroupAccuracyReport } from "@alchemist/engine";

/** Row fields of an image dataset that are not groups: the picture's path and its concept scores. */
const NOT_GROUPS = new Set(["path", "scores"]);

const groupValue = (value: unknown): string | null =>
  (typeof value === "string" && value.trim() !== "") || (typeof value === "number" && Number.isFinite(value)) ? String(value) : null;

/**
 * Worst-group accuracy of an image model on its test rows for every group field of the dataset
 * (the label file's extra columns, e.g. `place`: a field every test row with gold has), for the
 * distilled model and the label model, with the engine's `groupAccuracy` (groups are `<class> /
 * <value>`, as the CLI's `--group-field` reports them). Empty when the dataset has no group field.
 *
 * @example
 * const groups = imageGroupAccuracy(rows.map((r) => r.fields), split.test, split.testGold, testPred, labelModelPred, classNames);
 */
export function imageGroupAccuracy(
  fields: readonly unknown[],
  test: Int32Array,
  testGold: Int32Array,
  distilledPred: ArrayLike<number>,
  labelModelPred: ArrayLike<number>,
  classNames: readonly string[],
): GroupAccuracyReport[] {
  const judged = Array.from(test.keys()).filter((t) => testGold[t]! >= 0);
  if (judged.length === 0) return [];
  const record = (t: number) => (fields[test[t]!] ?? {}) as Record<string, unknown>;
  const candidates = Object.keys(record(judged[0]!)).filter((f) => !NOT_GROUPS.has(f));
  const groupFields = candidates.filter((field) => judged.every((t) => groupValue(record(t)[field]) !== null)).sort();
  return groupFields.map((field) => {
    const values = judged.map((t) => groupValue(record(t)[field])!);
    const gold = judged.map((t) => testGold[t]!);
    const pick = (pred: ArrayLike<number>) => judged.map((t) => pred[t]!);
    return {
      field,
      distilled: groupAccuracy(gold, pick(distilledPred), values, classNames),
      labelModel: groupAccuracy(gold, pick(labelModelPred), values, classNames),
    };
  });
}
