import type { DataRow } from "../core/dataset";
import type { TaskSpec } from "../core/task";
import { programInput } from "../datasets/program-input";
import { seededShuffle } from "../random/seeded-shuffle";
import type { ValidationSample } from "./validate-program";

/**
 * The rows candidates are smoke-run on: up to `size` train rows (gold hidden: train gold never
 * fits anything) and up to `size` dev rows (gold kept for dev accuracy). Test rows are never used.
 *
 * @example
 * const sample = validationSample(dataset.rows, task, { size: 200, seed: 42 });
 */
export function validationSample(rows: readonly DataRow[], task: TaskSpec, options: { size: number; seed: number }): ValidationSample {
  const train = seededShuffle(
    rows.filter((r) => r.split === "train"),
    options.seed,
  ).slice(0, options.size);
  const dev = seededShuffle(
    rows.filter((r) => r.split === "dev"),
    options.seed + 1,
  ).slice(0, options.size);
  const picked = [...train, ...dev];
  const inputs = picked.map((r) => programInput(r, task.input));
  return {
    inputs,
    gold: picked.map((r) => (r.split === "dev" && r.gold !== undefined ? r.gold : -1)),
    display: inputs.map((x) => (typeof x === "string" ? x : JSON.stringify(x))),
  };
}
