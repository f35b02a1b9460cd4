"use client";

import dynamic from "next/dynamic";

/**
 * The heatmap, drawn in the browser only: its m x m cells (each a link with a hover title) were
 * two thirds of the analysis page's HTML and most of its server rendering time under load, while
 * the page only needs to ship the two m x m count arrays it is drawn from. A placeholder of the
 * same size holds its place until the browser has drawn it.
 *
 * @example
 * <HeatmapClientOnly names={names} rows={100000} overlap={pairs.overlap} conflict={pairs.conflict} projectId={id} runId={run.id} />
 */
export const HeatmapClientOnly = dynamic(() => import("./heatmap").then((m) => m.Heatmap), {
  ssr: false,
  loading: () => (
    <div data-testid="heatmap-loading" className="h-[540px] rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-400 shadow-sm">
      Drawing the program × program heatmap…
    </div>
  ),
});
