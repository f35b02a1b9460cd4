import { EngineError } from "../errors/engine-error";

/** One line of a chart (points in data units). */
export interface ChartSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
  readonly dashed?: boolean;
}

export interface LineChartOptions {
  readonly title: string;
  /** `integer`: counts such as rounds, ticked at whole numbers only. */
  readonly x: { readonly label: string; readonly log?: boolean; readonly integer?: boolean };
  readonly y: { readonly label: string; readonly min?: number; readonly max?: number };
  readonly series: readonly ChartSeries[];
  /** Horizontal reference lines (e.g. the zero-shot baseline). */
  readonly hlines?: readonly { readonly name: string; readonly y: number }[];
  readonly width?: number;
  readonly height?: number;
}

/** Colour-blind-safe palette (Okabe-Ito), cycled over series. */
export const CHART_COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const fmt = (x: number): string =>
  Math.abs(x) >= 100 || x === 0 ? String(Math.round(x)) : Math.abs(x) >= 1 ? x.toFixed(1).replace(/\.0$/, "") : x.toPrecision(2);

function ticks(lo: number, hi: number, log: boolean, integer = false): number[] {
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
    return out.filter((t) => t >= lo * 0.999 && t <= hi * 1.001);
  }
  const step = 10 ** Math.floor(Math.log10((hi - lo) / 4 || 1));
  const found = [1, 2, 5, 10].map((m) => m * step).find((s) => (hi - lo) / s <= 6) ?? step * 10;
  const nice = integer ? Math.max(1, Math.round(found)) : found;
  const out: number[] = [];
  for (let t = Math.ceil(lo / nice) * nice; t <= hi + 1e-12; t += nice) out.push(Number(t.toPrecision(12)));
  return out;
}

/**
 * A self-contained SVG line chart (axes, ticks, legend, dashed reference lines), the same bytes in
 * the CLI's files and the studio's pages. A log x axis drops points at x <= 0.
 *
 * @example
 * lineChartSvg({ title: "F1 vs programs", x: { label: "programs" }, y: { label: "test F1", min: 0, max: 1 }, series: [{ name: "keywords", points: [[1, 0.6], [5, 0.8]] }] });
 */
export function lineChartSvg(o: LineChartOptions): string {
  const width = o.width ?? 480;
  const height = o.height ?? 320;
  const pad = { left: 52, right: 12, top: 28, bottom: 44 };
  const legendRows = o.series.length + (o.hlines?.length ?? 0);
  const legendH = 16 * legendRows + 8;
  const log = o.x.log === true;
  const series = o.series.map((s) => ({ ...s, points: s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && (!log || x > 0)) }));
  const xs = series.flatMap((s) => s.points.map(([x]) => x));
  const ys = [...series.flatMap((s) => s.points.map(([, y]) => y)), ...(o.hlines ?? []).map((h) => h.y)];
  if (xs.length === 0) throw new EngineError("INVALID_ARGUMENT", `chart "${o.title}": no points to draw`);
  let [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  if (x0 === x1) [x0, x1] = log ? [x0 / 2, x1 * 2] : [x0 - 1, x1 + 1];
  const y0 = o.y.min ?? Math.min(...ys);
  const y1 = o.y.max ?? Math.max(...ys);
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const sx = (x: number): number => pad.left + (log ? (Math.log10(x) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0)) : (x - x0) / (x1 - x0)) * plotW;
  const sy = (y: number): number => pad.top + (1 - (y - y0) / (y1 - y0 || 1)) * plotH;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + legendH}" viewBox="0 0 ${width} ${height + legendH}" font-family="sans-serif" font-size="11" role="img" aria-label="${esc(o.title)}">`,
  );
  parts.push(
    `<rect width="100%" height="100%" fill="#fff"/><text x="${width / 2}" y="16" text-anchor="middle" font-size="13" font-weight="bold">${esc(o.title)}</text>`,
  );
  for (const t of ticks(y0, y1, false))
    parts.push(
      `<line x1="${pad.left}" x2="${width - pad.right}" y1="${sy(t).toFixed(1)}" y2="${sy(t).toFixed(1)}" stroke="#eee"/><text x="${pad.left - 6}" y="${(sy(t) + 4).toFixed(1)}" text-anchor="end">${fmt(t)}</text>`,
    );
  for (const t of ticks(x0, x1, log, o.x.integer))
    parts.push(
      `<line x1="${sx(t).toFixed(1)}" x2="${sx(t).toFixed(1)}" y1="${pad.top}" y2="${pad.top + plotH}" stroke="#eee"/><text x="${sx(t).toFixed(1)}" y="${pad.top + plotH + 14}" text-anchor="middle">${fmt(t)}</text>`,
    );
  parts.push(`<rect x="${pad.left}" y="${pad.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`);
  parts.push(`<text x="${pad.left + plotW / 2}" y="${pad.top + plotH + 32}" text-anchor="middle">${esc(o.x.label)}</text>`);
  parts.push(`<text transform="translate(14 ${pad.top + plotH / 2}) rotate(-90)" text-anchor="middle">${esc(o.y.label)}</text>`);
  (o.hlines ?? []).forEach((h) =>
    parts.push(
      `<line x1="${pad.left}" x2="${width - pad.right}" y1="${sy(h.y).toFixed(1)}" y2="${sy(h.y).toFixed(1)}" stroke="#555" stroke-dasharray="6 4"><title>${esc(`${h.name}: ${fmt(h.y)}`)}</title></line>`,
    ),
  );
  series.forEach((s, i) => {
    const color = CHART_COLORS[i % CHART_COLORS.length]!;
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    if (pts.length > 1)
      parts.push(
        `<polyline fill="none" stroke="${color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="4 3"' : ""} points="${pts.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(" ")}"/>`,
      );
    for (const [x, y] of pts)
      parts.push(
        `<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3" fill="${color}"><title>${esc(`${s.name}: ${fmt(x)}, ${fmt(y)}`)}</title></circle>`,
      );
  });
  const legend = [
    ...series.map((s, i) => ({ name: s.name, color: CHART_COLORS[i % CHART_COLORS.length]!, dash: s.dashed === true })),
    ...(o.hlines ?? []).map((h) => ({ name: `${h.name} (${fmt(h.y)})`, color: "#555", dash: true })),
  ];
  legend.forEach((l, r) => {
    const y = height + 8 + r * 16;
    parts.push(
      `<line x1="${pad.left}" x2="${pad.left + 22}" y1="${y}" y2="${y}" stroke="${l.color}" stroke-width="2"${l.dash ? ' stroke-dasharray="6 4"' : ""}/><text x="${pad.left + 28}" y="${y + 4}">${esc(l.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}
