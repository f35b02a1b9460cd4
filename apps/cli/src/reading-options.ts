import type { LoadDatasetOptions } from "@alchemist/engine/node";
import { parseTextEncoding, type FieldMapping, type TaskSpec } from "@alchemist/engine";
import type { DataOptions } from "./data-options";

/** How `--data` is read: the task file's `data:` and `labels:` with the flags on top. */
export interface DataReading {
  readonly mapping: FieldMapping;
  readonly load: Omit<LoadDatasetOptions, "mapping" | "classNames" | "seed">;
  /** Whether the first row is data (from `--no-header`, `--columns` or the task file). */
  readonly headerless: boolean;
}

/**
 * The reading options of a command: flags override the task file's `data:` (format, header,
 * columns, delimiter, encoding, label/split/id fields) and `--label-map` its `labels:`, so a
 * task file can make `--data` and `--task` the only flags.
 *
 * @example
 * const { mapping, load } = dataReading(options, task);
 * await loadDataset(options.data, { mapping, classNames, seed, ...load });
 */
export function dataReading(options: DataOptions, task: TaskSpec): DataReading {
  const file = task.data ?? {};
  const columns = options.columns ?? file.columns;
  // --columns alone means "no header"; the task file may say a header is there and only renamed.
  const header = options.header === false ? false : options.columns !== undefined ? undefined : file.header;
  const encoding = options.encoding !== undefined ? parseTextEncoding(options.encoding) : file.encoding;
  const delimiter = options.delimiter ?? file.delimiter;
  const labelMap = options.labelMap ?? task.labels;
  const label = options.labelField ?? file.labelField;
  const split = options.splitField ?? file.splitField;
  const id = options.idField ?? file.idField;
  const format = file.format;
  return {
    mapping: { input: task.input, ...(label !== undefined ? { label } : {}), ...(split !== undefined ? { split } : {}), ...(id !== undefined ? { id } : {}) },
    load: {
      ...(format !== undefined ? { format } : {}),
      ...(columns !== undefined ? { columns } : {}),
      ...(header !== undefined ? { header } : {}),
      ...(delimiter !== undefined ? { delimiter } : {}),
      ...(encoding !== undefined ? { encoding } : {}),
      ...(labelMap !== undefined ? { labelMap } : {}),
      ...(task.multiLabel === true ? { multiLabel: true } : {}),
    },
    headerless: header === false || (columns !== undefined && header !== true),
  };
}
