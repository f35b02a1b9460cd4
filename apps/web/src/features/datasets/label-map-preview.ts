/** Raw gold values to class names; null means the value carries no gold. */
export type LabelMapChoice = Record<string, string | null>;

const INTEGER = /^-?\d+$/;

/**
 * A first label map for the upload form: a value that is a class name (any case) maps to it;
 * integers map by position when they are 0-based indices, 1-based indices, or exactly as many
 * distinct integers as classes (`-1, 0, 1` -> three classes in order); anything else has no gold
 * until the user picks a class. Empty values are left out (they never carry gold).
 *
 * @example
 * guessLabelMap(["1", "2", "3"], ["a", "b", "c"]);  // { "1": "a", "2": "b", "3": "c" }
 * guessLabelMap(["-1", "0", "1"], ["neg", "neu", "pos"]); // { "-1": "neg", "0": "neu", "1": "pos" }
 */
export function guessLabelMap(values: readonly string[], classNames: readonly string[]): LabelMapChoice {
  const map: LabelMapChoice = {};
  const k = classNames.length;
  const rest: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    if (value === "" || Object.hasOwn(map, value)) continue;
    const named = classNames.find((c) => c === value) ?? classNames.find((c) => c.toLowerCase() === value.toLowerCase());
    if (named !== undefined) map[value] = named;
    else rest.push(value);
  }
  const ints = rest.filter((v) => INTEGER.test(v)).map(Number);
  const sorted = [...new Set(ints)].sort((a, b) => a - b);
  // Ambiguous sets ({1, 2} of 3 classes) read as 0-based, as the engine reads unmapped indices.
  const offset = sorted.every((i) => i >= 0 && i < k) ? 0 : sorted.every((i) => i >= 1 && i <= k) ? 1 : undefined;
  for (const value of rest) {
    if (!INTEGER.test(value)) map[value] = null;
    else if (offset !== undefined) map[value] = classNames[Number(value) - offset] ?? null;
    else map[value] = sorted.length === k ? (classNames[sorted.indexOf(Number(value))] ?? null) : null;
  }
  return map;
}

/**
 * How many preview rows each class gets under a label map, plus the rows without gold (empty or
 * mapped to none): the per-class preview shown before import.
 *
 * @example
 * classCounts({ "1": 3, "2": 5, "": 1 }, { "1": "ham", "2": "spam" }, ["ham", "spam"]); // { perClass: [3, 5], noGold: 1 }
 */
export function classCounts(
  counts: Readonly<Record<string, number>>,
  map: LabelMapChoice,
  classNames: readonly string[],
): { perClass: number[]; noGold: number } {
  const perClass = classNames.map(() => 0);
  let noGold = 0;
  for (const [raw, count] of Object.entries(counts)) {
    const name = map[raw.trim()];
    const index = name === null || name === undefined ? -1 : classNames.indexOf(name);
    if (index === -1) noGold += count;
    else perClass[index]! += count;
  }
  return { perClass, noGold };
}
