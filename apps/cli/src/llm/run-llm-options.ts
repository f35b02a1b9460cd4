import type { Command } from "commander";
import { addLlmOptions, type LlmFlags } from "./llm-options";

export type RunLlmFlags = LlmFlags & { readonly zeroShotSample?: number | "all" };

/**
 * Adds the generation flags and `--zero-shot-sample` to `run`/`demo`.
 *
 * @example
 * addRunLlmOptions(command, { seedSize: false });
 */
export function addRunLlmOptions(command: Command, options: { seedSize?: boolean } = {}): Command {
  return addLlmOptions(command, options).option(
    "--zero-shot-sample <n|all>",
    "also label n test rows (or all) with the zero-shot baseline prompt",
    parseSample,
  );
}

/** Commander parser for `--zero-shot-sample N|all`. */
export function parseSample(value: string): number | "all" {
  if (value === "all") return "all";
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`expected a positive integer or "all", got "${value}"`);
  return Number(value);
}
