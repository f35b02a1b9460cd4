import { readPseudolabels, readRows, type Db } from "@alchemist/db";
import type { ExportFormat } from "@alchemist/jobs";
import type { ReportProgress } from "../tracked-job";
import { csvCell } from "./csv-cell";
import type { LineWriter } from "./write-lines";

export interface LabelsExportInput {
  readonly runId: string;
  readonly dataset: { id: string; rowCount: number; chunkSize: number };
  readonly classNames: readonly string[];
  /** The task's input field, for Label Studio's `to_name`. */
  readonly inputField: string;
  readonly format: Extract<ExportFormat, "csv" | "jsonl" | "label-studio">;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Writes every row of the run's dataset with its pseudolabel (class, confidence, per-class
 * probabilities) as CSV, JSON Lines or Label Studio tasks with predictions, one dataset chunk at
 * a time (rows and probabilities of one chunk in memory, never the dataset). CSV cells are
 * neutralised against formula injection. Returns the rows written.
 *
 * @example
 * const rows = await exportLabels(prisma, { runId, dataset, classNames, inputField: "text", format: "csv" }, out, report);
 */
export async function exportLabels(db: Db, input: LabelsExportInput, out: LineWriter, report: ReportProgress, signal?: AbortSignal): Promise<number> {
  const { dataset, classNames, format } = input;
  const k = classNames.length;
  let fieldNames: string[] | undefined;
  let written = 0;
  if (format === "label-studio") await out.write("[\n");
  for (let from = 0; from < dataset.rowCount; from += dataset.chunkSize) {
    if (signal?.aborted) throw new Error("export cancelled");
    const to = Math.min(from + dataset.chunkSize, dataset.rowCount);
    const [rows, labels] = await Promise.all([readRows(db, dataset.id, from, to), readPseudolabels(db, input.runId, { fromIndex: from, toIndex: to })]);
    if (labels.k !== k) throw new Error(`the run's pseudolabels have ${labels.k} classes but the task has ${k} (${classNames.join(", ")})`);
    const lines: string[] = [];
    rows.forEach((row, i) => {
      const fields = row.fields as Record<string, unknown>;
      const probs = Array.from(labels.probs.subarray(i * k, (i + 1) * k), round);
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
        lines.push(JSON.stringify({ id: row.externalId, split, gold, label, confidence, probabilities: Object.fromEntries(classNames.map((c, j) => [c, probs[j]])), fields }));
      } else {
        const task = {
          data: { ...fields, alchemist_id: row.externalId, alchemist_split: split },
          predictions: [{ model_version: `alchemist-run-${input.runId}`, score: confidence, result: [{ from_name: "label", to_name: input.inputField, type: "choices", value: { choices: [label] } }] }],
        };
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
