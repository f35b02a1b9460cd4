import { InvalidArgumentError, type Command } from "commander";
import { stat } from "node:fs/promises";
import type { Dataset, LabelMatrix, Program, ProgramRunner, TaskSpec } from "@alchemist/engine";
import { EngineError } from "@alchemist/engine";
import { loadDataset, loadPrograms, loadTaskSpec, readWrench } from "@alchemist/engine/node";
import { wrenchTask } from "./wrench-task";

export interface DataOptions {
  readonly data: string;
  /** Optional for a WRENCH folder (classes from label.json, input `text`). */
  readonly task?: string;
  /** Optional for a WRENCH folder with weak_labels (they become the program outputs). */
  readonly programs?: string;
  readonly labelField?: string;
  readonly splitField?: string;
  readonly idField?: string;
  readonly columns?: string[];
  readonly delimiter?: string;
  readonly seed: number;
}

/** Commander parser for `--seed` and other integer flags. */
export function parseInteger(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`expected an integer, got "${value}"`);
  return Number(value);
}

/** Commander parser for `--delimiter`: one character, or tab/comma/semicolon/pipe by name. */
export function parseDelimiter(value: string): string {
  const named: Record<string, string> = { tab: "\t", "\\t": "\t", comma: ",", semicolon: ";", pipe: "|" };
  const delimiter = named[value] ?? value;
  if (delimiter.length !== 1) throw new InvalidArgumentError(`expected one character (or tab), got "${value}"`);
  return delimiter;
}

/**
 * Adds the data flags shared by `run` and `apply`.
 *
 * @example
 * addDataOptions(program.command("run")).requiredOption("--out <dir>", "...");
 */
export function addDataOptions(command: Command): Command {
  return command
    .requiredOption("--data <file>", "a .csv, .tsv or .jsonl file, or a WRENCH folder")
    .option("--task <file>", "task spec, YAML or JSON (a WRENCH folder without it: classes from label.json, input text)")
    .option("--programs <dir>", "folder of labeling programs (*.py, *.js), named by file (a WRENCH folder without it: its weak_labels)")
    .option("--label-field <field>", "gold label column (class names or indices)")
    .option("--split-field <field>", "train|dev|test column (otherwise a seeded 70/10/20 split)")
    .option("--id-field <field>", "row id column (otherwise the row number)")
    .option("--columns <names>", "column names for a file without a header row, comma-separated", (v: string) => v.split(",").map((c) => c.trim()))
    .option("--delimiter <char>", "field delimiter (detected when omitted); 'tab' for tabs", parseDelimiter)
    .option("--seed <n>", "random seed", parseInteger, 42);
}

/**
 * Loads the task, the programs (statically checked by the runner) and the dataset named by the flags.
 *
 * @example
 * const { task, programs, dataset } = await loadInputs(options, runner);
 */
export async function loadInputs(
  options: DataOptions, runner: ProgramRunner, { requirePrograms = false, generating = false } = {},
): Promise<{ task: TaskSpec; programs: Program[]; dataset: Dataset; votes?: { names: string[]; L: LabelMatrix } }> {
  const isDir = await stat(options.data).then((s) => s.isDirectory(), () => false);
  let wrench: Dataset | undefined;
  let task: TaskSpec;
  if (options.task === undefined) {
    if (!isDir) throw new EngineError("INVALID_ARGUMENT", `--task is required unless --data is a WRENCH folder (${options.data} is not a folder)`);
    wrench = await readWrench(options.data);
    task = wrenchTask(wrench, options.data);
  } else {
    task = await loadTaskSpec(options.task);
  }
  if (options.programs === undefined && !generating && (requirePrograms || !isDir)) throw new EngineError("INVALID_ARGUMENT", "--programs is required unless --data is a WRENCH folder with weak_labels");
  const programs = options.programs === undefined ? [] : await loadPrograms(options.programs, task);
  const mapping = {
    input: task.input,
    ...(options.labelField !== undefined ? { label: options.labelField } : {}),
    ...(options.splitField !== undefined ? { split: options.splitField } : {}),
    ...(options.idField !== undefined ? { id: options.idField } : {}),
  };
  const dataset = wrench ?? await loadDataset(options.data, {
    mapping,
    classNames: task.classes.map((c) => c.name),
    seed: options.seed,
    ...(options.delimiter !== undefined ? { delimiter: options.delimiter } : {}),
    ...(options.columns !== undefined ? { columns: options.columns } : {}),
  });
  for (const program of programs) {
    const check = await runner.check(program);
    const first = check.errors[0];
    if (!check.ok) {
      const where = first?.line !== undefined ? ` line ${first.line}` : "";
      throw new EngineError("PROGRAM_INVALID", `${options.programs}/${program.name}.${program.language === "python" ? "py" : "js"}${where}: ${first?.message ?? "failed the static check"}`);
    }
  }
  if (options.programs === undefined && !generating) {
    if (!dataset.importedVotes) throw new EngineError("INVALID_ARGUMENT", `${options.data}: the WRENCH files have no weak_labels; pass --programs`);
    return { task, programs, dataset, votes: { names: [...dataset.importedVotes.names], L: dataset.importedVotes.L } };
  }
  return { task, programs, dataset };
}
