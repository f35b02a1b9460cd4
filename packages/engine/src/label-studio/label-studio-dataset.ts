import type { DataRow, Dataset, Split } from "../core/dataset";
import { createLabelMatrix } from "../core/label-matrix";
import { assignSplits } from "../datasets/assign-splits";
import type { LabelMap } from "../datasets/label-map";
import { parseSplit } from "../datasets/parse-split";
import { EngineError } from "../errors/engine-error";
import { labelStudioChoiceReader } from "./label-studio-choice";
import { labelStudioFromName } from "./label-studio-from-name";
import { labelStudioGoldAnnotation } from "./label-studio-gold-annotation";
import { LABEL_STUDIO_ID_KEY, LABEL_STUDIO_LABEL_MODEL_VERSION, LABEL_STUDIO_SPLIT_KEY } from "./label-studio-schema";
import { parseLabelStudioTasks } from "./parse-label-studio-tasks";

export interface LabelStudioDatasetOptions {
  /** The file, for messages. */
  readonly source: string;
  readonly classNames: readonly string[];
  /** The task's input field(s): every task's `data` must hold them. */
  readonly inputs: string | readonly string[];
  /** The `<Choices>` to read; default the only one the tasks' results use. */
  readonly fromName?: string;
  /** Raw choices to class names, as for other formats. */
  readonly labelMap?: LabelMap;
  /** Seed of the 70/10/20 split for tasks without `alchemist_split`. */
  readonly seed: number;
}

/**
 * Label Studio tasks (its JSON export, or `labelStudioTask`'s) as a dataset: `data` becomes the
 * row's fields; gold is the last non-cancelled annotation's choice (a `ground_truth` one first);
 * each prediction's `model_version` becomes an imported voter (abstain where it has no result), except
 * the label model's own prediction, which is derived. Ids and splits come back from
 * `alchemist_id`/`alchemist_split` when every task has them (else the task id or row number, and a
 * seeded split). Errors name the file and the task number.
 *
 * @example
 * const ds = labelStudioDataset(JSON.parse(text), { source: "export.json", classNames: ["ham", "spam"], inputs: "text", seed: 42 });
 * ds.importedVotes?.names; // ["has_url", "casual_reply"]
 */
export function labelStudioDataset(value: unknown, o: LabelStudioDatasetOptions): Dataset {
  const { source, classNames } = o;
  if (classNames.length < 2) throw new EngineError("INVALID_ARGUMENT", `${source}: Label Studio tasks need at least 2 class names, got ${classNames.length}`);
  const tasks = parseLabelStudioTasks(value, source);
  const fromName = o.fromName ?? labelStudioFromName(tasks, source);
  const read = labelStudioChoiceReader(classNames, fromName, o.labelMap, source);
  const inputs = typeof o.inputs === "string" ? [o.inputs] : o.inputs;
  const byId = tasks.every((t) => t.data[LABEL_STUDIO_ID_KEY] !== undefined) ? "alchemist" : tasks.every((t) => t.id !== undefined) ? "task" : "row";
  const splits = tasks.every((t) => parseSplit(t.data[LABEL_STUDIO_SPLIT_KEY]) !== undefined)
    ? tasks.map((t) => parseSplit(t.data[LABEL_STUDIO_SPLIT_KEY])!)
    : assignSplits(tasks.length, o.seed);
  const voters = new Map<string, number>();
  const votes: Map<number, number>[] = [];
  const seen = new Map<string, number>();
  const rows = tasks.map((task, i): DataRow => {
    const where = `${source} task ${i + 1}`;
    const { [LABEL_STUDIO_ID_KEY]: alchemistId, [LABEL_STUDIO_SPLIT_KEY]: _split, ...fields } = task.data;
    for (const field of inputs) {
      if (fields[field] === undefined)
        throw new EngineError("FIELD_NOT_FOUND", `${where}: input field "${field}" is not in its data (fields: ${Object.keys(fields).join(", ") || "none"})`, {
          file: source,
          line: i + 1,
          field,
        });
    }
    const id = byId === "alchemist" ? String(alchemistId) : byId === "task" ? String(task.id) : String(i + 1);
    const previous = seen.get(id);
    if (previous !== undefined)
      throw new EngineError("DATASET_PARSE", `${source}: tasks ${previous} and ${i + 1} have the same id "${id}"`, { file: source, line: i + 1 });
    seen.set(id, i + 1);
    const chosen = labelStudioGoldAnnotation(task);
    const gold = chosen === undefined ? -1 : read(chosen.result, `${where} annotation`);
    const row = new Map<number, number>();
    for (const prediction of task.predictions ?? []) {
      const name = prediction.model_version ?? "prediction";
      if (name === LABEL_STUDIO_LABEL_MODEL_VERSION) continue;
      if (!voters.has(name)) voters.set(name, voters.size);
      const vote = read(prediction.result, `${where} prediction "${name}"`);
      row.set(voters.get(name)!, vote ?? -1);
    }
    votes.push(row);
    const split: Split = splits[i]!;
    return gold === undefined || gold < 0 ? { id, fields, split } : { id, fields, split, gold };
  });
  const name = source.replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "") || "label-studio";
  if (voters.size === 0) return { name, rows, classNames };
  const L = createLabelMatrix(rows.length, voters.size, classNames.length);
  votes.forEach((row, i) => row.forEach((vote, j) => (L.values[i * L.m + j] = vote)));
  return { name, rows, classNames, importedVotes: { names: [...voters.keys()], L } };
}
