import type { Split } from "../core/dataset";

const SPLIT_NAMES: Readonly<Record<string, Split>> = {
  train: "train",
  dev: "dev",
  valid: "dev",
  validation: "dev",
  test: "test",
};

/**
 * Reads a split column value: `train`, `dev`, `test`, `valid` or `validation` (case-insensitive,
 * trimmed; the last two mean dev). Returns undefined for anything else.
 *
 * @example
 * parseSplit(" Validation "); // "dev"
 */
export function parseSplit(value: unknown): Split | undefined {
  if (typeof value !== "string") return undefined;
  return SPLIT_NAMES[value.trim().toLowerCase()];
}
