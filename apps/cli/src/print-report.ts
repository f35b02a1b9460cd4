import type { PipelineReport } from "@alchemist/engine/node";
import { labelModelTable } from "./label-model-table";
import { modelMetricsTable } from "./model-metrics-table";

const pct = (x: number | null): string => (x === null ? "-" : `${(x * 100).toFixed(1)}%`);
// Fault kinds as the table shows them (counts by kind; "disabled" rows belong to a stopped program).
const SHORT: Record<string, string> = {
  exception: "exc",
  timeout: "timeout",
  "invalid-output": "invalid",
  memory: "memory",
  crash: "crash",
  disabled: "disabled",
};
const faultCell = (p: PipelineReport["programs"][number]): string =>
  p.faults === 0
    ? "0"
    : Object.entries(p.faultsByKind)
        .filter(([, n]) => n)
        .map(([kind, n]) => `${SHORT[kind] ?? kind} ${n}`)
        .join(", ");
const num = (x: number | null): string => (x === null ? "-" : x.toFixed(3));

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}

/** Image runs: the pictures, concepts, RoboShot insights and features, before the tables. */
function imageLines(report: PipelineReport): string[] {
  const image = report.image;
  if (!image) return [];
  const pair = (p: readonly string[]): string => p.map((t) => `"${t}"`).join(" vs ");
  const insights = image.insights
    ? [
        `RoboShot (${image.insightSource}): projected out ${image.insights.harmful.map(pair).join(", ") || "-"}; boosted ${image.insights.helpful.map(pair).join(", ") || "-"}`,
      ]
    : [];
  return [
    `images: ${image.images} (${image.embedded} embedded, ${image.cached} from the cache, ${(image.embedMs / 1000).toFixed(1)} s) with ${image.clipModel}`,
    `concepts (${image.concepts.length}, ${image.conceptSource}): ${image.concepts.map((c) => `"${c}"`).join(", ")}`,
    ...insights,
    `programs: ${image.programSource}; distilled model features: ${image.features}`,
    "",
  ];
}

/** With a group field: the worst test group of the label model and of the distilled model. */
function groupLines(report: PipelineReport): string[] {
  const groups = report.groups;
  if (!groups) return [];
  const worst = (g: NonNullable<PipelineReport["groups"]>["distilled"]): string =>
    g.worst ? `${pct(g.worst.accuracy)} (${g.worst.group}, n=${g.worst.n}), mean over groups ${pct(g.average)}` : "-";
  return [
    "",
    `worst-group accuracy by ${groups.field} (test):`,
    `  label model (${report.labelModel.name})  ${worst(groups.labelModel)}`,
    `  distilled MLP  ${worst(groups.distilled)}`,
  ];
}

/**
 * The human summary of a run: per-program table (coverage, overlaps, conflicts, dev accuracy,
 * faults), label-model and distilled-model test metrics, and LLM usage.
 *
 * @example
 * process.stdout.write(formatReport(report, { outDir: "out" }));
 */
export function formatReport(report: PipelineReport, options: { outDir?: string; bold?: boolean } = {}): string {
  const bold = (text: string): string => (options.bold ? `\u001b[1m${text}\u001b[22m` : text);
  const rows = report.programs.map((p) => [p.name, pct(p.coverage), pct(p.overlaps), pct(p.conflicts), pct(p.devAccuracy), faultCell(p)]);
  const stopped = report.programs.flatMap((p) =>
    p.stopped ? [`${p.name}: stopped at row ${p.stopped.row} (${p.stopped.reason}); its later rows are abstains`] : [],
  );
  rows.push(["(all programs)", pct(report.summary.coverage), pct(report.summary.overlap), pct(report.summary.conflict), "", ""]);
  const { dataset, labelModel, distilled, llm } = report;
  const metric = (m: { accuracy: number | null; f1: number | null }): string => `accuracy ${num(m.accuracy)}  F1 ${num(m.f1)}`;
  const lines = [
    ...imageLines(report),
    bold(
      `${report.task.name}: ${dataset.rows} rows (train ${dataset.train}, dev ${dataset.dev}, test ${dataset.test}), classes ${report.task.classes.join(", ")}`,
    ),
    "",
    ...table(["program", "coverage", "overlaps", "conflicts", "dev acc", "faults"], rows),
    ...stopped,
    "",
    ...labelModelTable(report),
    "",
    `${`label model (${labelModel.name})`.padEnd(22)} test ${metric(labelModel.test)}  (n=${labelModel.test.n})`,
    bold(
      `${"distilled MLP".padEnd(22)} test ${metric(distilled.test)}  (trained on ${distilled.trainRows} ${distilled.keepUncovered ? "" : "covered "}train rows, best epoch ${distilled.bestEpoch} of ${distilled.epochs})`,
    ),
    "",
    ...modelMetricsTable(report, bold),
    ...groupLines(report),
    "",
    `LLM calls: ${llm.calls}, tokens: ${llm.inputTokens} in / ${llm.outputTokens} out, cost: $${llm.costUsd.toFixed(4)}`,
  ];
  if (options.outDir !== undefined) lines.push(`wrote ${options.outDir}/ (report.json, labels.csv, model.onnx, programs/)`);
  return lines.join("\n") + "\n";
}

/**
 * Writes {@link formatReport} to stdout (or `stream`).
 *
 * @example
 * printReport(report, { outDir: "out", bold: process.stdout.isTTY });
 */
export function printReport(report: PipelineReport, options: { outDir?: string; bold?: boolean; stream?: NodeJS.WritableStream } = {}): void {
  (options.stream ?? process.stdout).write(formatReport(report, options));
}
