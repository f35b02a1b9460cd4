import { InvalidArgumentError, type Command } from "commander";

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
