"use client";

import dynamic from "next/dynamic";
import { barChartHeight, type Bar } from "./bar-chart";

const BarSvg = dynamic(() => import("./bar-chart").then((m) => m.BarSvg), { ssr: false });

/**
 * A `BarChart` whose SVG is drawn in the browser only: the analysis page's four charts (one
 * linked, titled SVG row per program) were 40% of its HTML and as much of its server rendering
 * under load, while the page already ships the snapshot they are drawn from. The frame and title
 * render on the server and a box of the chart's height holds its place.
 *
 * @example
 * <BarChartClientOnly title="Coverage" testId="chart-coverage" bars={[{ label: "free_offer", value: 0.12, href: "?view=fires&p=0" }]} />
 */
export function BarChartClientOnly({
  title,
  bars,
  testId,
  color = "fill-indigo-500",
}: {
  title: string;
  bars: readonly Bar[];
  testId: string;
  color?: string;
}) {
  return (
    <figure data-testid={testId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 text-sm font-semibold">{title}</figcaption>
      <div style={{ minHeight: barChartHeight(bars.length) }}>
        <BarSvg title={title} bars={bars} color={color} />
      </div>
    </figure>
  );
}
