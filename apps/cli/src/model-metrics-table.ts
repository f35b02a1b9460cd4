import type { PipelineReport, TestMetrics } from "@alchemist/engine/node";

const num = (x: number | null | undefined): string => (x === null || x === undefined ? "-" : x.toFixed(3));

/**
 * Test metrics of the label model, the distilled model and zero-shot labels (when present) side by
 * side, then per-class precision/recall of each, as aligned text lines.
 *
 * @example
 * modelMetricsTable(report).join("\n");
 */
export function modelMetricsTable(report: PipelineReport, bold: (text: string) => string = (t) => t): string[] {
  const models: [string, TestMetrics][] = [
    [`label model (${report.labelModel.name})`, report.labelModel.test],
    ["distilled MLP", report.distilled.test],
  ];
  if (report.zeroShot) models.push([`zero-shot (${report.zeroShot.name})`, report.zeroShot.test]);
  const classes = report.task.classes;
  const header = ["test metrics", "n", "accuracy", "F1", "macro F1", "ECE", "abstained"];
  const rows = models.map(([name, m]) =>
    m.accuracy === null
      ? [name, "0", "-", "-", "-", "-", "-"]
      : [name, String(m.n), num(m.accuracy), num(m.f1), num(m.macroF1), num(m.ece), String(m.abstained)],
  );
  const perClassHeader = ["precision / recall", ...classes];
  const perClass = models.flatMap(([name, m]) => (m.accuracy === null ? [] : [[name, ...m.perClass.map((c) => `${num(c.precision)} / ${num(c.recall)}`)]]));
  const f1Note = classes.length === 2 ? `F1 = F1 of "${classes[1]}"` : "F1 = macro F1";
  const out = [
    ...align(header, rows, (r) => (r === 1 ? bold : (t: string) => t)),
    "",
    ...align(perClassHeader, perClass),
    `(${f1Note}; ECE = expected calibration error, 15 bins; abstentions count as wrong)`,
  ];
  return out;
}

function align(header: readonly string[], rows: readonly (readonly string[])[], style: (row: number) => (t: string) => string = () => (t) => t): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? "").length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map((r, i) => style(i)(line(r)))];
}
