import type { SweepPoint } from "@alchemist/engine";

const num = (x: number | null): string => (x === null ? "-" : x.toFixed(3));

/**
 * The sweep as a text table (one line per grid cell and program count) and as CSV.
 *
 * @example
 * process.stdout.write(sweepTable(points).text);
 */
export function sweepTable(points: readonly SweepPoint[]): { text: string; csv: string } {
  const header = ["info", "temperature", "programs", "available", "coverage", "dev F1", "test F1", "test acc", "label model", "calls", "cost USD"];
  const rows = points.map((p) => [
    p.info,
    String(p.temperature),
    String(p.programs),
    String(p.available),
    `${(p.coverage * 100).toFixed(1)}%`,
    num(p.dev.f1),
    num(p.test.f1),
    num(p.test.accuracy),
    p.labelModel,
    String(p.calls),
    p.costUsd.toFixed(5),
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  const text = [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n") + "\n";
  const csv =
    [
      header.map((h) => h.replace(/ /g, "_")).join(","),
      ...points.map((p) =>
        [
          p.info,
          p.temperature,
          p.programs,
          p.available,
          p.coverage.toFixed(4),
          p.dev.f1 ?? "",
          p.test.f1 ?? "",
          p.test.accuracy ?? "",
          p.labelModel,
          p.calls,
          p.costUsd.toFixed(6),
        ].join(","),
      ),
    ].join("\r\n") + "\r\n";
  return { text, csv };
}
