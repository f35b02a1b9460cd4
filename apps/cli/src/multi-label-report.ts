import type { MultiLabelReport } from "@alchemist/engine";
import type { MultiLabelPipelineReport } from "@alchemist/engine/node";

const pct = (x: number | null): string => (x === null ? "-" : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null | undefined): string => (x === null || x === undefined ? "-" : x.toFixed(3));

function align(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}

/**
 * The human summary of a multi-label run: programs (dev accuracy = exact set match), the label
 * model chosen per class, and test micro/macro F1 plus per-class F1 of the label models and the
 * distilled MLP.
 *
 * @example
 * process.stdout.write(formatMultiLabelReport(report, { outDir: "out" }));
 */
export function formatMultiLabelReport(report: MultiLabelPipelineReport, options: { outDir?: string; bold?: boolean } = {}): string {
  const bold = (text: string): string => (options.bold ? `\u001b[1m${text}\u001b[22m` : text);
  const { dataset, task, labelModel, distilled } = report;
  const programs = report.programs.map((p) => [p.name, pct(p.coverage), pct(p.overlaps), pct(p.conflicts), pct(p.devAccuracy), String(p.faults)]);
  programs.push(["(all programs)", pct(report.summary.coverage), pct(report.summary.overlap), pct(report.summary.conflict), "", ""]);
  const models: [string, MultiLabelReport | null][] = [
    ["label models (one vs rest)", labelModel.test],
    ["distilled MLP (sigmoid)", distilled.test],
  ];
  const totals = models.map(([name, m]) =>
    m === null ? [name, "0", "-", "-", "-", "-"] : [name, String(m.n), num(m.microF1), num(m.macroF1), num(m.subsetAccuracy), num(m.hammingLoss)],
  );
  const perClass = task.classes.map((name, c) => [
    name,
    labelModel.perClass[c]!.name,
    ...models.map(([, m]) => (m === null ? "-" : `${num(m.perClass[c]!.f1)} (n=${m.perClass[c]!.support})`)),
  ]);
  const lines = [
    bold(
      `${task.name} (multi-label): ${dataset.rows} rows (train ${dataset.train}, dev ${dataset.dev}, test ${dataset.test}), classes ${task.classes.join(", ")}`,
    ),
    "",
    ...align(["program", "coverage", "overlaps", "conflicts", "dev exact", "faults"], programs),
    "",
    ...align(["test metrics", "n", "micro F1", "macro F1", "exact set", "Hamming loss"], totals),
    "",
    ...align(["class", "label model", "label models F1", "distilled F1"], perClass),
    `(a class applies at probability >= ${report.threshold}; the MLP trained on ${distilled.trainRows} train rows, best epoch ${distilled.bestEpoch} of ${distilled.epochs})`,
  ];
  if (options.outDir !== undefined) lines.push(`wrote ${options.outDir}/ (report.json, labels.csv, labels.jsonl, model.onnx, programs/)`);
  return lines.join("\n") + "\n";
}

/**
 * Writes {@link formatMultiLabelReport} to stdout.
 *
 * @example
 * printMultiLabelReport(report, { outDir: "out" });
 */
export function printMultiLabelReport(report: MultiLabelPipelineReport, options: { outDir?: string; bold?: boolean } = {}): void {
  process.stdout.write(formatMultiLabelReport(report, options));
}
