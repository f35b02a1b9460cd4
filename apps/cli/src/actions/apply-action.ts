import { labelMatrixToRows, programInput } from "@alchemist/engine";
import { createLocalRunner } from "@alchemist/engine/node";
import { progressFor, type CliContext } from "../cli-context";
import type { DataOptions } from "../data-options";
import { loadInputs } from "../load-inputs";
import { writeJsonAtomic } from "../write-json-atomic";

export type ApplyOptions = DataOptions & { out: string };

/**
 * What `alchemist apply` does once its flags are parsed (loaded lazily by `commands/apply.ts`):
 * runs the programs in the sandbox and writes the label matrix as JSON.
 *
 * @example
 * await applyAction({ data: "d.csv", task: "t.yaml", programs: "p/", out: "L.json", seed: 42 }, ctx);
 */
export async function applyAction(options: ApplyOptions, ctx: CliContext): Promise<void> {
  const runner = createLocalRunner();
  const progress = progressFor(ctx);
  try {
    const { task, programs, dataset } = await loadInputs(options, runner, { requirePrograms: true });
    const inputs = dataset.rows.map((row) => programInput(row, task.input));
    const total = inputs.length * programs.length;
    progress.onStage({ stage: "apply", done: 0, total });
    const { L, meta } = await runner.apply(programs, inputs, {
      classNames: task.classes.map((c) => c.name),
      signal: ctx.signal,
      onProgress: (p) => progress.onStage({ stage: "apply", ...p }),
    });
    progress.onStage({ stage: "apply", done: total, total });
    progress.stop();
    const faults = Object.fromEntries(meta.map((m) => [m.name, m.faults]));
    await writeJsonAtomic(options.out, { programs: programs.map((p) => p.name), L: labelMatrixToRows(L), faults });
    process.stdout.write(`wrote ${options.out}: ${L.n} rows x ${L.m} programs\n`);
  } finally {
    progress.stop();
    await runner.close();
  }
}
