import type { LabelMap } from "../datasets/label-map";
import type { TextEncoding } from "../datasets/text-encoding";

export type ProgramLanguage = "python" | "javascript";

export interface TaskClass {
  readonly name: string;
  readonly description: string;
}

/** What to label and how programs are called. Class order defines class indices. */
export interface TaskSpec {
  readonly name: string;
  readonly description: string;
  /** The field passed to programs; a list passes a `{field: value}` record. */
  readonly input: string | readonly string[];
  readonly language: ProgramLanguage;
  readonly functionName: string;
  readonly classes: readonly TaskClass[];
  /** `image`: rows are pictures and programs read `{concept: CLIP score}` records (input `scores`); default text. */
  readonly kind?: "text" | "image";
  /**
   * Multi-label: any number of classes apply to a row (`multi_label: true` in the task file, at most
   * 15 classes). Programs return a list of classes or -1 (abstain), gold is a list per row, label
   * models run one vs rest and the distilled MLP has sigmoid outputs.
   */
  readonly multiLabel?: boolean;
  /** Raw gold values to class names (`{"1": "neoplasms", "-1": "negative"}`), when the file's labels are not class names or 0-based indices. */
  readonly labels?: LabelMap;
  /** How to read the task's data files, so one command needs no other flag (flags override it). */
  readonly data?: TaskReading;
}

/** Reading options a task file may carry (`data:` in YAML, snake_case keys there). */
export interface TaskReading {
  readonly format?: "delimited" | "csv" | "tsv" | "jsonl" | "parquet" | "label-studio";
  /** Whether a delimited file's first row is its header (default true unless `columns` is given). */
  readonly header?: boolean;
  readonly columns?: readonly string[];
  readonly delimiter?: string;
  readonly encoding?: TextEncoding;
  readonly labelField?: string;
  readonly splitField?: string;
  readonly idField?: string;
}
