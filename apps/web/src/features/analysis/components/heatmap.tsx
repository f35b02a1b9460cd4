"use client";

import { useState } from "react";
import { MetricTerm } from "@/features/shell/client";
import { formatPercent } from "@/lib/format-percent";
import { METRIC_HELP } from "@/lib/metric-help";
import { clickThroughHref } from "../click-through";

type Mode = "overlap" | "conflict";

const LABEL = 140;
const TOP = 28;

/**
 * The program x program heatmap of the run's stored pair counts: toggle between overlap (both
 * vote) and conflict (both vote, differently). Cells shade by their share of rows and print their
 * count when there is room; hovering or focusing a cell shows its pair, count and rates in a
 * readout under the chart (a native tooltip too), and a click opens those rows (the diagonal
 * opens the rows the program votes on).
 *
 * @example
 * <Heatmap projectId={id} runId={run.id} names={names} rows={100000} overlap={pairs.overlap} conflict={pairs.conflict} />
 */
export function Heatmap(props: {
  names: readonly string[];
  rows: number;
  overlap: readonly number[];
  conflict: readonly number[];
  /** For the click-through links, built here rather than shipped as m x m strings. */
  projectId: string;
  runId: string;
}) {
  const [mode, setMode] = useState<Mode>("conflict");
  const [hover, setHover] = useState<string | null>(null);
  const m = props.names.length;
  const cell = Math.max(14, Math.min(32, Math.floor(460 / Math.max(1, m))));
  const counts = mode === "overlap" ? props.overlap : props.conflict;
  let max = 0;
  for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) if (a !== b) max = Math.max(max, counts[a * m + b]!);
  const width = LABEL + m * cell + 4;
  const height = TOP + m * cell + 4;
  const tone = mode === "overlap" ? "79, 70, 229" : "225, 29, 72";
  return (
    <figure data-testid="heatmap" data-mode={mode} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-3 flex items-center justify-between gap-4">
        <span className="text-sm font-semibold">
          Program × program <MetricTerm help={METRIC_HELP[mode]}>{mode}</MetricTerm>
        </span>
        <span className="flex gap-1 text-xs" role="group" aria-label="Heatmap measure">
          {(["overlap", "conflict"] as const).map((m2) => (
            <button
              key={m2}
              type="button"
              data-testid={`heatmap-${m2}`}
              aria-pressed={mode === m2}
              onClick={() => setMode(m2)}
              className={`rounded px-2 py-1 ${mode === m2 ? "bg-slate-800 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
            >
              {m2 === "overlap" ? "Overlap" : "Conflict"}
            </button>
          ))}
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width={width}
        height={height}
        className="h-auto max-w-full"
        role="img"
        aria-label={`program by program ${mode} heatmap`}
      >
        {props.names.map((name, j) => (
          <g key={`c${j}`}>
            <text x={LABEL + j * cell + cell / 2} y={TOP - 8} textAnchor="middle" className="fill-slate-500 text-[10px]">
              <title>{name}</title>
              {j + 1}
            </text>
            <text x={LABEL - 6} y={TOP + j * cell + cell / 2 + 4} textAnchor="end" className="fill-slate-700 font-mono text-[11px]">
              <title>{name}</title>
              {`${j + 1}. ${name.length > 16 ? `${name.slice(0, 15)}…` : name}`}
            </text>
          </g>
        ))}
        {props.names.map((a, x) =>
          props.names.map((b, y) => {
            const value = counts[x * m + y]!;
            const diagonal = x === y;
            const overlap = props.overlap[x * m + y]!;
            const alpha = diagonal ? 0 : max === 0 ? 0 : 0.08 + 0.92 * (value / max);
            const rate = props.rows === 0 ? 0 : value / props.rows;
            const title = diagonal
              ? `${a} votes on ${overlap.toLocaleString("en")} rows (${formatPercent(props.rows === 0 ? 0 : overlap / props.rows)}): click to see them`
              : mode === "overlap"
                ? `${a} × ${b}: both vote on ${value.toLocaleString("en")} rows (${formatPercent(rate)} of rows)`
                : `${a} × ${b}: disagree on ${value.toLocaleString("en")} rows (${formatPercent(rate)} of rows, ${formatPercent(overlap === 0 ? null : value / overlap)} of their overlap)`;
            return (
              <a
                key={`${x}-${y}`}
                onMouseEnter={() => setHover(title)}
                onFocus={() => setHover(title)}
                onMouseLeave={() => setHover(null)}
                onBlur={() => setHover(null)}
                href={clickThroughHref(
                  props.projectId,
                  props.runId,
                  diagonal ? { view: "fires", p: x } : { view: mode === "overlap" ? "pair-overlap" : "pair-conflict", a: x, b: y },
                )}
                data-testid="heatmap-cell"
                data-a={x}
                data-b={y}
                data-count={value}
              >
                <rect
                  x={LABEL + y * cell}
                  y={TOP + x * cell}
                  width={cell - 1}
                  height={cell - 1}
                  fill={diagonal ? "rgb(241, 245, 249)" : `rgba(${tone}, ${alpha.toFixed(3)})`}
                  className="hover:stroke-slate-900"
                  strokeWidth={1.5}
                >
                  <title>{title}</title>
                </rect>
                {!diagonal && cell >= 26 && value > 0 && (
                  <text
                    x={LABEL + y * cell + (cell - 1) / 2}
                    y={TOP + x * cell + cell / 2 + 3}
                    textAnchor="middle"
                    pointerEvents="none"
                    className={`text-[9px] tabular-nums ${alpha > 0.55 ? "fill-white" : "fill-slate-700"}`}
                  >
                    {compact(value)}
                  </text>
                )}
              </a>
            );
          }),
        )}
      </svg>
      <p data-testid="heatmap-readout" aria-live="polite" className="mt-2 min-h-5 text-sm text-slate-800">
        {hover ?? <span className="text-slate-400">Hover a cell for its counts.</span>}
      </p>
      <p className="mt-1 text-xs text-slate-500">
        Shade: share of rows, darkest = the largest off-diagonal cell ({max.toLocaleString("en")} rows). Click a cell to see its rows.
      </p>
    </figure>
  );
}

const compact = (n: number) =>
  n < 1000 ? String(n) : n < 10_000 ? `${(n / 1000).toFixed(1)}k` : n < 1_000_000 ? `${Math.round(n / 1000)}k` : `${(n / 1_000_000).toFixed(1)}M`;
