import type { Command } from "commander";
import { labelMatrixToRows, programInput } from "@alchemist/engine";
import { createLocalRunner } from "@alchemist/engine/node";
import { progressFor, type CliContext } from "../cli-context";
import { addDataOptions, loadInputs, type DataOptions } from "../data-options";
import { writeJsonAtomic } from "../write-json-atomic";

/**
 * `alchemist apply`: writes `{"programs": [names], "L": [[vote, ...], ...], "faults": {name: {kind: count}}}`
 * in row order; votes are class indices, -1 = abstain.
 *
 * @example
 * registerApply(program, ctx); // alchemist apply --data d.csv --task t.yaml --programs p/ --out L.json
 */
export function registerApply(program: Command, ctx: CliContext): void {
  addDataOptions(program.command("apply").description("apply programs to data and write the label matrix as JSON"))
    .requiredOption("--out <file>", "output JSON file")
    .action(async (options: DataOptions & { out: string }) => {
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
    });
}
