import { Option, type Command } from "commander";
import type { ImportOptions } from "../actions/import-action";
import type { CliContext } from "../cli-context";
import { parseInteger, parseLabelMapFlag } from "../data-options";

/**
 * `alchemist import --format label-studio`: reads a Label Studio JSON export (tasks, annotations
 * as gold, predictions as imported votes) and writes a folder the other commands read:
 * `data.jsonl` (alchemist_id, alchemist_split, alchemist_label and the task's data) and `votes.json` (the label matrix, as
 * `alchemist apply` writes it). The action is imported only when the command runs.
 *
 * @example
 * registerImport(program, ctx); // alchemist import --format label-studio --data export.json --task t.yaml --out imported/
 */
export function registerImport(program: Command, ctx: CliContext): void {
  program
    .command("import")
    .description("read another tool's export (Label Studio JSON) into data.jsonl + votes.json")
    .addOption(new Option("--format <format>", "what to read").choices(["label-studio"]).makeOptionMandatory())
    .requiredOption("--data <file>", "Label Studio JSON export (a list of tasks)")
    .requiredOption("--task <file>", "task spec, YAML or JSON (classes, input field)")
    .requiredOption("--out <dir>", "output folder (data.jsonl, votes.json)")
    .option("--from-name <name>", "the <Choices> to read (default: the only one the tasks use)")
    .option("--label-map <map>", "choices to classes, e.g. Positive=pos,Negative=neg (overrides the task's labels:)", parseLabelMapFlag)
    .option("--seed <n>", "random seed of the split for tasks without alchemist_split", parseInteger, 42)
    .action(async (options: ImportOptions) => (await import("../actions/import-action")).importAction(options, ctx));
}
