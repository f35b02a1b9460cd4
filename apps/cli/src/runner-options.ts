import type { Command } from "commander";
import type { LocalRunnerOptions } from "@alchemist/engine/node";
import { parseInteger } from "./data-options";

/** Sandbox flags shared by `run` and `apply`. */
export interface RunnerFlags {
  readonly parallel?: number;
  readonly rowTimeoutMs?: number;
  readonly maxConsecutiveFaults?: number;
  readonly programBudgetMs?: number;
  readonly programBudgetPerRowMs?: number;
}

/**
 * Adds the sandbox flags: how many sandboxes run at once, the time budget per row, and what stops
 * a program for the rest of an apply (consecutive costly faults, its time budget).
 *
 * @example
 * addRunnerOptions(program.command("apply"));
 */
export function addRunnerOptions(command: Command): Command {
  return command
    .option("--parallel <n>", "sandbox processes running at once (default: every core)", parseInteger)
    .option("--row-timeout-ms <ms>", "time budget of one program call; a row past it is a timeout (default 1000)", parseInteger)
    .option(
      "--max-consecutive-faults <n>",
      "stop a program after this many rows in a row that time out, run out of memory or crash (default 3; 0: never)",
      parseInteger,
    )
    .option("--program-budget-ms <ms>", "time a program may use in one apply, plus --program-budget-per-row-ms per row (default 10000)", parseInteger)
    .option("--program-budget-per-row-ms <ms>", "time budget added per row read (default 1)", parseInteger);
}

/** LocalRunnerOptions for the flags given (the runner's defaults for the others). */
export function runnerOptionsFrom(flags: RunnerFlags): LocalRunnerOptions {
  const limits = {
    ...(flags.maxConsecutiveFaults !== undefined ? { maxConsecutiveFaults: flags.maxConsecutiveFaults } : {}),
    ...(flags.programBudgetMs !== undefined ? { budgetBaseMs: flags.programBudgetMs } : {}),
    ...(flags.programBudgetPerRowMs !== undefined ? { budgetPerRowMs: flags.programBudgetPerRowMs } : {}),
  };
  return {
    ...(flags.parallel !== undefined ? { poolSize: flags.parallel } : {}),
    ...(flags.rowTimeoutMs !== undefined ? { rowTimeoutMs: flags.rowTimeoutMs } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
  };
}
