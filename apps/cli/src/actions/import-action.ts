import { join } from "node:path";
import { loadTaskSpec, readLabelStudio } from "@alchemist/engine/node";
import type { CliContext } from "../cli-context";
import { writeJsonAtomic } from "../write-json-atomic";
import { writeTextAtomic } from "../write-text-atomic";

export interface ImportOptions {
  readonly format: "label-studio";
  readonly data: string;
  readonly task: string;
  readonly out: string;
  readonly fromName?: string;
  readonly labelMap?: Readonly<Record<string, string | null>>;
  readonly seed: number;
}

const META = ["alchemist_id", "alchemist_split", "alchemist_label"] as const;

/**
 * What `alchemist import --format label-studio` does once its flags are parsed: reads the export
 * with the engine's `readLabelStudio` and writes `data.jsonl` (one row per task: `alchemist_id`,
 * `alchemist_split`, `alchemist_label` = the gold class or null, then the task's data) and `votes.json` (`{"programs", "L"}`,
 * the predictions' votes, -1 = abstain), each whole or not at all.
 *
 * @example
 * await importAction({ format: "label-studio", data: "export.json", task: "t.yaml", out: "imported/", seed: 42 }, ctx);
 */
export async function importAction(options: ImportOptions, _ctx: CliContext): Promise<void> {
  const task = await loadTaskSpec(options.task);
  const classNames = task.classes.map((c) => c.name);
  const labelMap = options.labelMap ?? task.labels;
  const dataset = await readLabelStudio(options.data, {
    classNames,
    inputs: task.input,
    seed: options.seed,
    ...(options.fromName ? { fromName: options.fromName } : {}),
    ...(labelMap ? { labelMap } : {}),
  });
  const clash = META.find((key) => dataset.rows.some((row) => Object.hasOwn(row.fields, key)));
  if (clash)
    throw new Error(
      `${options.data}: the tasks' data has a field "${clash}", which data.jsonl uses for the row's ${clash}; rename that field in Label Studio's export`,
    );
  const lines = dataset.rows.map((row) =>
    JSON.stringify({ alchemist_id: row.id, alchemist_split: row.split, alchemist_label: row.gold === undefined ? null : classNames[row.gold], ...row.fields }),
  );
  const votes = dataset.importedVotes;
  const matrix = votes ? dataset.rows.map((_, i) => Array.from(votes.L.values.subarray(i * votes.L.m, (i + 1) * votes.L.m))) : [];
  await writeTextAtomic(join(options.out, "data.jsonl"), `${lines.join("\n")}\n`);
  await writeJsonAtomic(join(options.out, "votes.json"), { programs: votes?.names ?? [], L: matrix });
  const gold = dataset.rows.filter((row) => row.gold !== undefined).length;
  process.stdout.write(`wrote ${join(options.out, "data.jsonl")}: ${dataset.rows.length} rows, ${gold} with gold (annotations)\n`);
  process.stdout.write(`wrote ${join(options.out, "votes.json")}: votes of ${votes?.names.length ?? 0} predictions (${votes?.names.join(", ") || "none"})\n`);
  process.stdout.write(
    `next: alchemist run --data ${options.data} --task ${options.task} --out <dir> runs on these votes; data.jsonl reads with --id-field alchemist_id --split-field alchemist_split --label-field alchemist_label\n`,
  );
}
