import { InvalidArgumentError, type Command } from "commander";
import type { SweepOptions } from "../actions/sweep-action";
import type { CliContext } from "../cli-context";
import { addDataOptions } from "../data-options";
import { addLlmOptions, parseTemperatures } from "../llm/llm-options";
import { parseSample } from "../llm/run-llm-options";
import { addRunnerOptions } from "../runner-options";

const INFO = ["none", "descriptions", "examples", "keywords", "rules", "retrieval"];

function parseCounts(value: string): number[] {
  const counts = value.split(",").map((s) => s.trim());
  if (counts.length === 0 || counts.some((c) => !/^\d+$/.test(c) || Number(c) < 1 || Number(c) > 200))
    throw new InvalidArgumentError(`expected program counts in 1..200 separated by commas, e.g. 1,2,5,10,20; got "${value}"`);
  return [...new Set(counts.map(Number))].sort((a, b) => a - b);
}

function parseInfo(value: string): string[] {
  const kinds = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = kinds.find((k) => !INFO.includes(k));
  if (bad !== undefined || kinds.length === 0) throw new InvalidArgumentError(`expected a comma list of ${INFO.join(", ")}; got "${value}"`);
  return [...new Set(kinds)];
}

/**
 * `alchemist sweep`: the paper's ablations (Sec. 4.3-4.4) on the user's data: programs generated
 * once per (info kind, temperature) cell at the largest count and scored by prefixes, a table,
 * sweep.json/csv and sweep.svg (metric vs programs and vs cost, the zero-shot baseline dashed).
 *
 * @example
 * registerSweep(program, ctx); // alchemist sweep --data d.csv --task t.yaml --provider openai --programs 1,2,5,10,20 --info none,keywords --temperatures 0.3,1.0 --out sweep/
 */
export function registerSweep(program: Command, ctx: CliContext): void {
  addRunnerOptions(
    addLlmOptions(
      addDataOptions(
        program.command("sweep").description("ablation sweep: label-model F1 against the number of programs, supplementary info and temperature, with cost"),
        { programs: false },
      ),
      { seedSize: false, mix: false },
    ),
  )
    .option("--programs <counts>", "program counts, comma-separated", parseCounts, [1, 2, 5, 10])
    .option("--info <kinds>", `supplementary info per grid cell: ${INFO.join(",")}`, parseInfo, ["none"])
    .option("--temperatures <list>", "temperatures per grid cell, e.g. 0.3,1.0", parseTemperatures, [0.7])
    .option("--zero-shot-sample <n|all>", "test rows labeled by the zero-shot baseline", parseSample, 200)
    .option("--no-zero-shot", "no zero-shot baseline")
    .requiredOption("--out <dir>", "output folder (sweep.json, sweep.csv, sweep.svg, programs/<cell>/, llm-cache/)")
    .action(async (options: SweepOptions) => (await import("../actions/sweep-action")).sweepAction(options, ctx));
}
