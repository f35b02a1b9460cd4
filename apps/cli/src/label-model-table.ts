import type { PipelineReport } from "@alchemist/engine/node";

const num = (x: number | null | undefined): string => (x === null || x === undefined ? "-" : x.toFixed(3));

/**
 * The label-model comparison as text lines: one row per model with its dev accuracy, F1, ECE and
 * coverage (which drove the choice) and test accuracy and F1, the chosen one starred, then the
 * choice and its reason.
 *
 * @example
 * console.log(labelModelTable(report).join("\n"));
 */
export function labelModelTable(report: PipelineReport): string[] {
  const header = ["label model", "dev acc", "dev F1", "dev ECE", "dev cov", "test acc", "test F1", "fit ms"];
  const rows = report.labelModels.map((c) =>
    c.skipped
      ? [c.name, `skipped: ${c.skipped}`, "", "", "", "", "", ""]
      : [
          `${c.chosen ? "* " : "  "}${c.name}`,
          num(c.dev?.accuracy),
          num(c.dev?.f1),
          num(c.dev?.ece),
          num(c.dev?.coverage),
          num(c.test?.accuracy),
          num(c.test?.f1),
          String(c.fitMs),
        ],
  );
  const widths = header.map((h, col) => Math.max(h.length, ...rows.filter((r) => !r[1]!.startsWith("skipped")).map((r) => r[col]!.length)));
  const line = (cells: readonly string[]): string =>
    cells[1]!.startsWith("skipped")
      ? `  ${cells[0]!.padEnd(widths[0]! - 2)}  ${cells[1]}`
      : cells.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join("  ");
  return [
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    `chosen label model: ${report.labelModel.name}. ${report.labelModel.reason}`,
  ];
}
