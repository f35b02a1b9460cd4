import type { LabelMatrix } from "./label-matrix";

export type Split = "train" | "dev" | "test";
export const SPLITS: readonly Split[] = ["train", "dev", "test"];

/** One example. `fields` holds the raw columns; `gold` is a class index when a gold label is known. */
export interface DataRow {
  readonly id: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly split: Split;
  readonly gold?: number;
  /** Multi-label tasks: the classes that apply (sorted indices; `[]` = none applies) when gold is known. */
  readonly goldSet?: readonly number[];
}

/** Votes that came with the data (WRENCH `weak_labels`), aligned with `Dataset.rows`. */
export interface ImportedVotes {
  readonly names: readonly string[];
  readonly L: LabelMatrix;
}

export interface Dataset {
  readonly name: string;
  readonly rows: readonly DataRow[];
  /** Class names known from the data itself (WRENCH `label.json`), in index order. */
  readonly classNames?: readonly string[];
  readonly importedVotes?: ImportedVotes;
}
