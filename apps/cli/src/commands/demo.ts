import { Option, type Command } from "commander";
import type { DemoOptions } from "../actions/demo-options";
import type { CliContext } from "../cli-context";
import { parseInteger } from "../data-options";
import { addRunLlmOptions } from "../llm/run-llm-options";
import { addModelOptions } from "../model-options";

/**
 * `alchemist demo`: SpamAssassin, offline. A labeled seed set of `--seed-size` DEV rows feeds the
 * built-in synthesizer (train texts as its unlabeled pool); its programs go through the pipeline.
 * The action is imported only when the command runs.
 *
 * @example
 * registerDemo(program, ctx); // alchemist demo --out out --seed 42
 */
export function registerDemo(program: Command, ctx: CliContext): void {
  addRunLlmOptions(addModelOptions(program.command("demo")), { seedSize: false })
    .description(
      "label the SpamAssassin corpus (or, with --images, rendered shapes) end to end with synthesized programs (offline, no LLM; --provider for an LLM)",
    )
    .option("--out <dir>", "output folder", "out")
    .option("--seed <n>", "random seed (split, seed set, synthesizer, MLP)", parseInteger, 42)
    .option("--seed-size <n>", "labeled seed rows drawn from the dev split", parseInteger, 100)
    .addOption(new Option("--language <language>", "language of the synthesized programs").choices(["python", "javascript"]).default("python"))
    .option("--max-chars <n>", "characters of each e-mail (subject + body) passed to programs", parseInteger, 5000)
    .addOption(
      new Option("--limit <n>", "use a seeded random subset of n e-mails (smoke tests); with --images, the number of pictures")
        .argParser(parseInteger)
        .hideHelp(),
    )
    .option("--images", "the image demo instead: shapes-world pictures the project renders, a tiny CLIP it fits, builtin concepts, RoboShot and score programs")
    .addOption(new Option("--features <kind>", "with --images: what the distilled model reads").choices(["embeddings", "scores", "both"]).default("embeddings"))
    .option("--no-roboshot", "with --images: skip the builtin RoboShot calibration (compare worst-group accuracy)")
    .action(async (options: DemoOptions) => (await import("../actions/demo-action")).demoAction(options, ctx));
}
