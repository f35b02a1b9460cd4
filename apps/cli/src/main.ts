import { Command } from "commander";
import { registerApply } from "./commands/apply";
import { registerConcepts } from "./commands/concepts";
import { registerDemo } from "./commands/demo";
import { registerExport } from "./commands/export";
import { registerGenerate } from "./commands/generate";
import { registerImport } from "./commands/import";
import { registerPredict } from "./commands/predict";
import { registerRun } from "./commands/run";
import { registerStudio } from "./commands/studio";
import { registerSweep } from "./commands/sweep";
import type { CliContext } from "./cli-context";
import type { CliEnv } from "./env";
import { formatError } from "./format-error";

/**
 * The `alchemist` entry point. Exit codes: 0 ok, 1 runtime error, 2 usage or bad input; errors are
 * one line on stderr (`alchemist: <file>: <cause>`), with a stack trace only when ALCHEMIST_DEBUG=1.
 * Start-up stays cheap: commands register their flags here and import their actions when they
 * run, and the environment is parsed (zod) only before an action, never for --help or --version.
 *
 * @example
 * process.exitCode = await main(process.argv);
 */
export async function main(argv: readonly string[]): Promise<number> {
  let env: CliEnv | undefined;
  const abort = new AbortController();
  const onSigint = (): void => abort.abort();
  process.once("SIGINT", onSigint);
  const program = new Command("alchemist")
    .description("label data with programs, weak supervision and a distilled model")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`alchemist: ${text.replace(/^error: /, "")}`) });
  program.hook("preAction", async () => {
    env = (await import("./env")).parseEnv(process.env);
  });
  const ctx: CliContext = {
    signal: abort.signal,
    get env(): CliEnv {
      if (env === undefined) throw new Error("the environment is parsed before a command's action runs");
      return env;
    },
  };
  registerDemo(program, ctx);
  registerRun(program, ctx);
  registerGenerate(program, ctx);
  registerApply(program, ctx);
  registerPredict(program, ctx);
  registerConcepts(program, ctx);
  registerStudio(program, ctx);
  registerSweep(program, ctx);
  registerExport(program, ctx);
  registerImport(program, ctx);
  try {
    await program.parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    const { message, exitCode } = formatError(error);
    if (message) process.stderr.write(`alchemist: ${message}\n`);
    if (env?.ALCHEMIST_DEBUG && error instanceof Error && error.stack && exitCode !== 0) process.stderr.write(`${error.stack}\n`);
    return exitCode;
  } finally {
    process.off("SIGINT", onSigint);
  }
}

process.exitCode = await main(process.argv);
