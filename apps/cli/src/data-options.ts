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
  /** `false` only when `--no-header` was given (commander's default for a `--no-` flag is true). */
  readonly header?: boolean;
  /** Raw gold values to class names, `--label-map 1=background,2=objective`. */
  readonly labelMap?: Readonly<Record<string, string | null>>;
  /** The encoding name as typed (`latin-1`, `utf-16`, ...), read by the engine's `parseTextEncoding`. */
  readonly encoding?: string;
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

/** Commander parser for `--encoding`: the names the engine's `parseTextEncoding` takes (checked here, so a typo is a usage error). */
export function parseEncodingFlag(value: string): string {
  const name = value.trim().toLowerCase();
  if (!/^(auto|utf-?8|utf-?16(le|be)?|latin-?1|iso-?8859-1|windows-1252|cp1252)$/.test(name))
    throw new InvalidArgumentError(`expected utf-8, latin-1, utf-16 or auto, got "${value}"`);
  return name;
}

/** Commander parser for `--label-map 1=background,2=objective` (`raw=` means no gold). */
export function parseLabelMapFlag(value: string): Record<string, string | null> {
  const map: Record<string, string | null> = {};
  for (const pair of value
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf("=");
    if (at <= 0) throw new InvalidArgumentError(`expected raw=class pairs separated by commas (e.g. 1=background,2=objective), got "${pair}"`);
    const raw = pair.slice(0, at).trim();
    if (Object.hasOwn(map, raw)) throw new InvalidArgumentError(`the raw value "${raw}" is mapped twice`);
    map[raw] = pair.slice(at + 1).trim() || null;
  }
  if (Object.keys(map).length === 0) throw new InvalidArgumentError("expected raw=class pairs separated by commas (e.g. 1=background,2=objective)");
  return map;
}

/**
 * Adds the data flags shared by `run` and `apply` (`programs: false` leaves out `--programs`, which
 * `sweep` uses for program counts).
 *
 * @example
 * addDataOptions(program.command("run")).requiredOption("--out <dir>", "...");
 */
export function addDataOptions(command: Command, { programs = true } = {}): Command {
  command
    .requiredOption("--data <file>", "a .csv, .tsv, .jsonl or .parquet file, a Label Studio JSON export, or a WRENCH folder")
    .option("--task <file>", "task spec, YAML or JSON (a WRENCH folder without it: classes from label.json, input text)");
  if (programs) command.option("--programs <dir>", "folder of labeling programs (*.py, *.js), named by file (a WRENCH folder without it: its weak_labels)");
  return command
    .option("--label-field <field>", "gold label column (class names or indices)")
    .option("--split-field <field>", "train|dev|test column (otherwise a seeded 70/10/20 split)")
    .option("--id-field <field>", "row id column (otherwise the row number)")
    .option("--columns <names>", "column names for a file without a header row, comma-separated", (v: string) => v.split(",").map((c) => c.trim()))
    .option("--no-header", "the first row is data (columns named by --columns, else column_1, column_2, ...)")
    .option("--delimiter <char>", "field delimiter (detected when omitted); 'tab' for tabs", parseDelimiter)
    .option("--encoding <name>", "text encoding: utf-8, latin-1, utf-16 or auto (UTF-8, UTF-16 by its BOM)", parseEncodingFlag)
    .option("--label-map <map>", "raw gold values to classes, e.g. 1=background,2=objective (overrides the task's labels:)", parseLabelMapFlag)
    .option("--seed <n>", "random seed", parseInteger, 42);
}
