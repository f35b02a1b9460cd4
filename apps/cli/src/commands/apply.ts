import type { Command } from "commander";
import type { ApplyOptions } from "../actions/apply-action";
import type { CliContext } from "../cli-context";
import { addDataOptions } from "../data-options";
import { addRunnerOptions } from "../runner-options";

/**
 * `alchemist apply`: writes `{"programs": [names], "L": [[vote, ...], ...], "faults": {name: {kind: count}},
 * "stopped": {name: {row, reason}}}` in row order; votes are class indices, -1 = abstain. Rows are
 * streamed: a file of any size is applied holding a few chunks of rows. The action (sandbox, readers) is imported
 * only when the command runs, so `--help` and the other commands never load it.
 *
 * @example
 * registerApply(program, ctx); // alchemist apply --data d.csv --task t.yaml --programs p/ --out L.json
 */
export function registerApply(program: Command, ctx: CliContext): void {
  addRunnerOptions(addDataOptions(program.command("apply").description("apply programs to data and write the label matrix as JSON")))
    .requiredOption("--out <file>", "output JSON file")
    .action(async (options: ApplyOptions) => (await import("../actions/apply-action")).applyAction(options, ctx));
}
