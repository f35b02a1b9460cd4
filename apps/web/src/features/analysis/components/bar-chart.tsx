import { formatPercent } from "@/lib/format-percent";

/** One bar: a fraction in [0, 1] (null draws an empty row), optionally a click-through link. */
export interface Bar {
  readonly label: string;
  readonly value: number | null;
  readonly href?: string;
  /** Hover text; defaults to the label and value. */
  readonly title?: string;
}

const ROW = 22;
const LABEL = 150;
const WIDTH = 460;
const BAR = WIDTH - LABEL - 56;

/**
 * A horizontal bar chart of fractions as inline SVG (no chart library): one row per bar, the
 * label on the left, the percentage on the right; a bar with `href` is a link.
 *
 * @example
 * <BarChart title="Coverage" testId="chart-coverage" bars={[{ label: "free_offer", value: 0.12, href: "?view=fires&p=0" }]} />
 */
export function BarChart({ title, bars, testId, color = "fill-indigo-500" }: { title: string; bars: readonly Bar[]; testId: string; color?: string }) {
  return (
    <figure data-testid={testId} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 text-sm font-semibold">{title}</figcaption>
      <BarSvg title={title} bars={bars} color={color} />
    </figure>
  );
}

/** The chart's height in px for `count` bars (a placeholder of the same size holds its place). */
export function barChartHeight(count: number): number {
  return Math.max(1, count) * ROW + 4;
}

/**
 * The chart itself: one SVG row per bar.
 *
 * @example
 * <BarSvg title="Coverage" bars={[{ label: "free_offer", value: 0.12 }]} color="fill-indigo-500" />
 */
export function BarSvg({ title, bars, color }: { title: string; bars: readonly Bar[]; color: string }) {
  const height = barChartHeight(bars.length);
  return (
    /* Natural size, shrinking in narrow columns: text never scales up past 11px. */
    <svg viewBox={`0 0 ${WIDTH} ${height}`} width={WIDTH} height={height} className="h-auto max-w-full" role="img" aria-label={title}>
      {bars.map((bar, i) => {
        const y = i * ROW + 2;
        const w = bar.value === null ? 0 : Math.max(0, Math.min(1, bar.value)) * BAR;
        const label = bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label;
        const body = (
          <g data-testid="bar">
            <title>{bar.title ?? `${bar.label}: ${formatPercent(bar.value)}`}</title>
            <text x={LABEL - 6} y={y + 14} textAnchor="end" className="fill-slate-700 font-mono text-[11px]">
              {label}
            </text>
            <rect x={LABEL} y={y + 3} width={BAR} height={ROW - 8} className="fill-slate-100" rx={2} />
            <rect x={LABEL} y={y + 3} width={w} height={ROW - 8} className={color} rx={2} />
            <text x={LABEL + BAR + 6} y={y + 14} className="fill-slate-600 text-[11px] tabular-nums">
              {formatPercent(bar.value)}
            </text>
          </g>
        );
        return bar.href ? (
          <a key={i} href={bar.href} className="hover:opacity-75">
            {body}
          </a>
        ) : (
          <g key={i}>{body}</g>
        );
      })}
    </svg>
  );
}
