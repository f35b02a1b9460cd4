import { Option, type Command } from "commander";
import type { ExportOptions } from "../actions/export-action";
import type { CliContext } from "../cli-context";
import { addDataOptions } from "../data-options";
import { addRunnerOptions } from "../runner-options";

/**
 * `alchemist export --format label-studio`: applies the programs (or takes a WRENCH folder's or a
 * Label Studio file's votes), fits the label model and writes Label Studio tasks (gold as
 * annotations, one prediction per program and one for the label model) plus the labeling config
 * with the same tag names. The action is imported only when the command runs.
 *
 * @example
 * registerExport(program, ctx); // alchemist export --format label-studio --data d.csv --task t.yaml --programs p/ --out tasks.json
 */
export function registerExport(program: Command, ctx: CliContext): void {
  addRunnerOptions(
    addDataOptions(program.command("export").description("write data, gold, program votes and label-model labels for another tool (Label Studio)")),
  )
    .addOption(new Option("--format <format>", "what to write").choices(["label-studio"]).makeOptionMandatory())
    .requiredOption("--out <file>", "Label Studio tasks JSON (import it in Label Studio's Import dialog)")
    .option("--config <file>", "labeling config XML (default: next to --out, <name>.config.xml)")
    .option("--from-name <name>", "the <Choices> name (default: from the task's name)")
    .option("--to-name <name>", "the <Text> name the choices label (default: the task's first input field)")
    .action(async (options: ExportOptions) => (await import("../actions/export-action")).exportAction(options, ctx));
}
