import type { SweepPoint } from "../sweep/sweep-curve";
import { lineChartSvg } from "./line-chart-svg";

/** The zero-shot baseline drawn next to a sweep: its metric, and what labeling every row would cost. */
export interface SweepBaseline {
  readonly name: string;
  readonly f1: number | null;
  readonly costUsd?: number;
}

/**
 * The sweep's figure (the paper's Sec. 4.3-4.4 on the user's data): two panels side by side, test F1
 * against the number of programs and against generation cost (log axis), one line per grid cell
 * (info kind x temperature), the zero-shot baseline dashed.
 *
 * @example
 * writeFileSync("sweep.svg", sweepChartSvg(points, { name: "zero-shot", f1: 0.71, costUsd: 0.24 }));
 */
export function sweepChartSvg(points: readonly SweepPoint[], baseline?: SweepBaseline, o: { metric?: "test" | "dev" } = {}): string {
  const metric = o.metric ?? "test";
  const cells = [...new Map(points.map((p) => [`${p.info} @ T=${p.temperature}`, p.info])).keys()];
  const of = (cell: string): SweepPoint[] => points.filter((p) => `${p.info} @ T=${p.temperature}` === cell && p[metric].f1 !== null);
  const hlines = baseline?.f1 !== null && baseline?.f1 !== undefined ? [{ name: baseline.name, y: baseline.f1 }] : [];
  const y = { label: `${metric} F1 (label model)`, min: 0, max: 1 };
  const byPrograms = lineChartSvg({
    title: `${metric} F1 vs number of programs`,
    x: { label: "programs" },
    y,
    hlines,
    series: cells.map((cell) => ({ name: cell, points: of(cell).map((p) => [p.available, p[metric].f1!] as const) })),
  });
  const baselinePoint =
    baseline?.costUsd !== undefined && baseline.costUsd > 0 && baseline.f1 !== null
      ? [{ name: `${baseline.name} on every row`, points: [[baseline.costUsd, baseline.f1] as const], dashed: true }]
      : [];
  const byCost = lineChartSvg({
    title: `${metric} F1 vs cost (USD)`,
    x: { label: "generation cost, USD (log)", log: true },
    y,
    hlines,
    series: [...cells.map((cell) => ({ name: cell, points: of(cell).map((p) => [p.costUsd, p[metric].f1!] as const) })), ...baselinePoint],
  });
  const size = (svg: string): [number, number] => {
    const m = /width="(\d+)" height="(\d+)"/.exec(svg)!;
    return [Number(m[1]), Number(m[2])];
  };
  const [w1, h1] = size(byPrograms);
  const [w2, h2] = size(byCost);
  const inner = (svg: string): string => svg.replace(/^<svg[^>]*>/, "").replace(/<\/svg>$/, "");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w1 + w2}" height="${Math.max(h1, h2)}" viewBox="0 0 ${w1 + w2} ${Math.max(h1, h2)}" font-family="sans-serif" font-size="11" role="img" aria-label="sweep: ${metric} F1 vs programs and cost">`,
    `<g>${inner(byPrograms)}</g>`,
    `<g transform="translate(${w1} 0)">${inner(byCost)}</g>`,
    "</svg>",
  ].join("\n");
}
