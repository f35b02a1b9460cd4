import { goldSetMask, labelStudioNames, labelStudioTask, MULTI_LABEL_THRESHOLD } from "@alchemist/engine";
import { readPseudolabels, readRows, readVotesForRows, type Db } from "@alchemist/db";
import type { ExportFormat } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import { csvCell } from "./csv-cell";
import type { LineWriter } from "./write-lines";

export interface LabelsExportInput {
  readonly runId: string;
  readonly dataset: { id: string; rowCount: number; chunkSize: number };
  readonly classNames: readonly string[];
  /** The task's name and input field(s): Label Studio's `from_name` / `to_name` (`labelStudioNames`). */
  readonly task: { readonly name: string; readonly input: string | readonly string[] };
  /** The run's programs: Label Studio tasks carry one prediction per program. */
  readonly programs: readonly { readonly name: string; readonly codeHash: string }[];
  readonly format: Extract<ExportFormat, "csv" | "jsonl" | "label-studio">;
  /** A multi-label task: gold and votes are class-set bitmasks, pseudolabels independent class probabilities. */
  readonly multiLabel?: boolean;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Writes every row of the run's dataset with its pseudolabel (class, confidence, per-class
 * probabilities) as CSV, JSON Lines or Label Studio tasks (the engine's `labelStudioTask`: gold as
 * an annotation, one prediction per program, `model_version` = its name, and one for the label
 * model, empty where no program voted), one dataset chunk at a time (rows, votes and probabilities
 * of one chunk in memory, never the dataset). CSV cells are neutralised against formula injection.
 * A multi-label run writes label lists as the CLI does: `gold` and `label` are the classes joined
 * with `|` (CSV; no confidence column) or `gold` / `labels` lists (JSONL), a class applying at
 * probability >= 0.5; Label Studio results list every class of a set.
 * Returns the rows written.
 *
 * @example
 * const rows = await exportLabels(prisma, { runId, dataset, classNames, task, programs, format: "csv" }, out, report);
 */
export async function exportLabels(db: Db, input: LabelsExportInput, out: LineWriter, report: ReportProgress, signal?: AbortSignal): Promise<number> {
  const { dataset, classNames, format } = input;
  const k = classNames.length;
  const multiLabel = input.multiLabel === true;
  let fieldNames: string[] | undefined;
  let written = 0;
  const names = format === "label-studio" ? labelStudioNames(input.task) : undefined;
  const m = input.programs.length;
  if (format === "label-studio") await out.write("[\n");
  for (let from = 0; from < dataset.rowCount; from += dataset.chunkSize) {
    if (signal?.aborted) throw new Error("export cancelled");
    const to = Math.min(from + dataset.chunkSize, dataset.rowCount);
    const indices = format === "label-studio" ? Array.from({ length: to - from }, (_, i) => from + i) : [];
    const [rows, labels, votes] = await Promise.all([
      readRows(db, dataset.id, from, to),
      readPseudolabels(db, input.runId, { fromIndex: from, toIndex: to }),
      readVotesForRows(
        db,
        dataset,
        input.programs.map((p) => p.codeHash),
        indices,
      ),
    ]);
    if (labels.k !== k) throw new Error(`the run's pseudolabels have ${labels.k} classes but the task has ${k} (${classNames.join(", ")})`);
    const lines: string[] = [];
    rows.forEach((row, i) => {
      const fields = row.fields as Record<string, unknown>;
      const probs = Array.from(labels.probs.subarray(i * k, (i + 1) * k), round);
      if (multiLabel) {
        fieldNames ??= Object.keys(fields);
        lines.push(
          multiLabelLine(format, { row, fields, fieldNames, probs, classNames, written: written + lines.length, names, programs: input.programs, votes, m, i }),
        );
        return;
      }
      const label = classNames[labels.predicted[i]!]!;
      const confidence = round(labels.confidence[i]!);
      const gold = row.gold === null ? null : (classNames[row.gold] ?? null);
      const split = row.split.toLowerCase();
      if (format === "csv") {
        if (!fieldNames) {
          fieldNames = Object.keys(fields);
          const header = ["id", "split", "gold", "label", "confidence", ...classNames.map((c) => `p_${c}`), ...fieldNames.map((f) => `field_${f}`)];
          lines.push(header.map(csvCell).join(","));
        }
        lines.push([row.externalId, split, gold, label, confidence, ...probs, ...fieldNames.map((f) => fields[f])].map(csvCell).join(","));
      } else if (format === "jsonl") {
        lines.push(
          JSON.stringify({
            id: row.externalId,
            split,
            gold,
            label,
            confidence,
            probabilities: Object.fromEntries(classNames.map((c, j) => [c, probs[j]])),
            fields,
          }),
        );
      } else {
        const rowVotes = votes.subarray(i * m, (i + 1) * m);
        const covered = rowVotes.some((v) => v !== -1);
        const task = labelStudioTask(
          { id: row.externalId, fields, split: split as "train" | "dev" | "test", ...(row.gold === null ? {} : { gold: row.gold }) },
          {
            classNames,
            names: names!,
            programs: input.programs.map((p) => p.name),
            votes: rowVotes,
            labelModel: { label: covered ? labels.predicted[i]! : -1, score: covered ? confidence : 0 },
          },
        );
        lines.push(`${written + lines.length === 0 ? "" : ","}${JSON.stringify(task)}`);
      }
    });
    written += rows.length;
    await out.write(`${lines.join("\n")}\n`);
    await report(5 + (90 * to) / dataset.rowCount, `wrote ${to} of ${dataset.rowCount} rows`);
  }
  if (format === "label-studio") await out.write("]\n");
  return written;
}

/** One row of a multi-label export: label lists instead of one class and its confidence. */
function multiLabelLine(
  format: LabelsExportInput["format"],
  o: {
    row: { externalId: string; split: string; gold: number | null };
    fields: Record<string, unknown>;
    /** The CSV's field columns (the first row's fields). */
    fieldNames: readonly string[];
    probs: number[];
    classNames: readonly string[];
    written: number;
    names: ReturnType<typeof labelStudioNames> | undefined;
    programs: LabelsExportInput["programs"];
    votes: Int8Array;
    m: number;
    i: number;
  },
): string {
  const { row, fields, probs, classNames } = o;
  const k = classNames.length;
  const gold = row.gold === null ? null : goldSetMask.toSet(row.gold, k).map((c) => classNames[c]!);
  const labels = classNames.filter((_, c) => probs[c]! >= MULTI_LABEL_THRESHOLD);
  const split = row.split.toLowerCase();
  if (format === "csv") {
    const header =
      o.written === 0
        ? `${["id", "split", "gold", "label", ...classNames.map((c) => `p_${c}`), ...o.fieldNames.map((f) => `field_${f}`)].map(csvCell).join(",")}\n`
        : "";
    return header + [row.externalId, split, gold?.join("|") ?? null, labels.join("|"), ...probs, ...o.fieldNames.map((f) => fields[f])].map(csvCell).join(",");
  }
  if (format === "jsonl") {
    return JSON.stringify({ id: row.externalId, split, gold, labels, probabilities: Object.fromEntries(classNames.map((c, j) => [c, probs[j]])), fields });
  }
  const rowVotes = o.votes.subarray(o.i * o.m, (o.i + 1) * o.m);
  const covered = rowVotes.some((v) => v !== -1);
  // The label model's certainty: the mean over classes of the probability of the decision taken.
  const score = probs.reduce((sum, p) => sum + Math.max(p, 1 - p), 0) / k;
  const task = labelStudioTask(
    { id: row.externalId, fields, split: split as "train" | "dev" | "test", ...(row.gold === null ? {} : { gold: row.gold }) },
    {
      classNames,
      names: o.names!,
      programs: o.programs.map((p) => p.name),
      votes: rowVotes,
      multiLabel: true,
      labelModel: { label: covered ? goldSetMask.fromSet(labels.map((name) => classNames.indexOf(name))) : -1, score: covered ? round(score) : 0 },
    },
  );
  return `${o.written === 0 ? "" : ","}${JSON.stringify(task)}`;
}
