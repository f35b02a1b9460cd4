import type { Command } from "commander";
import { createLocalRunner, runPipeline, writeOutputs } from "@alchemist/engine/node";
import { boldFor, progressFor, type CliContext } from "../cli-context";
import { addDataOptions, loadInputs, type DataOptions } from "../data-options";
import { printReport } from "../print-report";

/**
 * `alchemist run`: the whole pipeline on a user's data and programs; writes `--out` only on success.
 *
 * @example
 * registerRun(program, ctx); // alchemist run --data d.csv --task t.yaml --programs p/ --out out/
 */
export function registerRun(program: Command, ctx: CliContext): void {
  addDataOptions(program.command("run").description("run programs, label model and distilled model on your data"))
    .requiredOption("--out <dir>", "output folder (report.json, labels.csv, programs/)")
    .action(async (options: DataOptions & { out: string }) => {
      const runner = createLocalRunner();
      const progress = progressFor(ctx);
      try {
        const { task, programs, dataset } = await loadInputs(options, runner);
        const { report, labels } = await runPipeline({ dataset, task, programs, runner, seed: options.seed, signal: ctx.signal, onStage: progress.onStage });
        progress.stop();
        await writeOutputs(options.out, { report, labels, programs });
        printReport(report, { outDir: options.out, bold: boldFor(ctx) });
      } finally {
        progress.stop();
        await runner.close();
      }
    });
}
