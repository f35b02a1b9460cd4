import { epochTicks, niceAxis } from "../chart-axis";
import type { LossPointView } from "../model-view";

const W = 600;
const H = 240;
const PAD = { left: 48, right: 52, top: 14, bottom: 32 };
const PLOT_W = W - PAD.left - PAD.right;
const PLOT_H = H - PAD.top - PAD.bottom;

/**
 * The training loss per epoch (left axis) and dev accuracy (right axis, in %, its own scale),
 * with the best epoch marked. While training runs the x-axis spans the planned epochs so the
 * curve grows into it; once it stopped (early stopping included) it ends at the last epoch.
 *
 * @example
 * <LossCurve curve={model.lossCurve} epochs={30} finished bestEpoch={7} />
 */
export function LossCurve({
  curve,
  epochs,
  finished,
  bestEpoch = null,
  devLabel = "dev accuracy",
}: {
  curve: readonly LossPointView[];
  epochs: number;
  finished: boolean;
  bestEpoch?: number | null;
  /** What the dev score is: a multi-label model early-stops on dev micro-F1. */
  devLabel?: string;
}) {
  const lastEpoch = curve.at(-1)?.epoch ?? 1;
  const maxEpoch = Math.max(2, finished ? lastEpoch : Math.max(epochs, lastEpoch));
  const x = (epoch: number) => PAD.left + ((epoch - 1) / (maxEpoch - 1)) * PLOT_W;
  const losses = curve.map((p) => p.loss);
  const lossAxis = losses.length > 0 ? niceAxis(Math.min(...losses), Math.max(...losses), 4) : null;
  const y = (value: number, axis: { min: number; max: number }) => PAD.top + ((axis.max - value) / (axis.max - axis.min || 1)) * PLOT_H;
  const linePoints = lossAxis ? curve.map((p) => `${round(x(p.epoch))},${round(y(p.loss, lossAxis))}`).join(" ") : "";
  const dev = curve.filter((p) => p.devAccuracy !== null);
  const devs = dev.map((p) => p.devAccuracy!);
  const devAxis = devs.length > 0 ? niceAxis(Math.min(...devs), Math.max(...devs), 4, { floor: 0, ceil: 1 }) : null;
  const devPoints = devAxis ? dev.map((p) => `${round(x(p.epoch))},${round(y(p.devAccuracy!, devAxis))}`).join(" ") : "";
  const last = curve.at(-1);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">Training</span>
        <span data-testid="loss-epochs" className="text-slate-500 tabular-nums">
          {last
            ? `epoch ${last.epoch} · loss ${last.loss.toFixed(4)}${last.devAccuracy === null ? "" : ` · ${devLabel} ${(last.devAccuracy * 100).toFixed(1)}%`}`
            : "waiting for the first epoch…"}
        </span>
      </figcaption>
      <svg
        data-testid="loss-curve"
        data-points={curve.length}
        data-max-epoch={maxEpoch}
        viewBox={`0 0 ${W} ${H}`}
        className="h-auto w-full overflow-visible"
        role="img"
        aria-label={`Training loss${devAxis ? ` and ${devLabel}` : ""} over ${curve.length} epochs`}
      >
        {lossAxis?.ticks.map((t) => (
          <g key={`l${t}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t, lossAxis)} y2={y(t, lossAxis)} className="stroke-slate-100" />
            <text x={PAD.left - 6} y={y(t, lossAxis) + 3} textAnchor="end" className="fill-indigo-700 text-[10px] tabular-nums">
              {t.toFixed(decimals(lossAxis.ticks))}
            </text>
          </g>
        ))}
        {devAxis?.ticks.map((t) => (
          <text key={`d${t}`} data-testid="dev-axis-tick" x={W - PAD.right + 6} y={y(t, devAxis) + 3} className="fill-emerald-700 text-[10px] tabular-nums">
            {(t * 100).toFixed(decimals(devAxis.ticks.map((v) => v * 100)))}%
          </text>
        ))}
        <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} className="stroke-slate-300" />
        <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} className="stroke-indigo-300" />
        {devAxis && <line x1={W - PAD.right} y1={PAD.top} x2={W - PAD.right} y2={H - PAD.bottom} className="stroke-emerald-300" />}
        {epochTicks(maxEpoch, 8).map((t) => (
          <text key={`e${t}`} data-testid="epoch-tick" x={x(t)} y={H - PAD.bottom + 14} textAnchor="middle" className="fill-slate-500 text-[10px] tabular-nums">
            {t}
          </text>
        ))}
        <text x={PAD.left + PLOT_W / 2} y={H - 2} textAnchor="middle" className="fill-slate-500 text-[10px]">
          epoch
        </text>
        <text transform={`translate(10 ${PAD.top + PLOT_H / 2}) rotate(-90)`} textAnchor="middle" className="fill-indigo-700 text-[10px]">
          train loss
        </text>
        {devAxis && (
          <text transform={`translate(${W - 6} ${PAD.top + PLOT_H / 2}) rotate(90)`} textAnchor="middle" className="fill-emerald-700 text-[10px]">
            {devLabel}
          </text>
        )}
        {bestEpoch !== null && bestEpoch >= 1 && bestEpoch <= maxEpoch && (
          <g data-testid="best-epoch">
            <line x1={x(bestEpoch)} x2={x(bestEpoch)} y1={PAD.top} y2={H - PAD.bottom} strokeDasharray="2 3" className="stroke-slate-400" />
            <text x={x(bestEpoch) + 3} y={PAD.top + 8} className="fill-slate-500 text-[10px]">
              best (kept)
            </text>
          </g>
        )}
        {devPoints && <polyline points={devPoints} fill="none" strokeDasharray="4 3" className="stroke-emerald-500" strokeWidth={1.5} />}
        {linePoints && <polyline data-testid="loss-line" points={linePoints} fill="none" className="stroke-indigo-600" strokeWidth={2} />}
        {curve.map((p) => (
          <circle key={p.epoch} cx={x(p.epoch)} cy={lossAxis ? y(p.loss, lossAxis) : 0} r={curve.length === 1 ? 3 : 2} className="fill-indigo-600">
            <title>{`epoch ${p.epoch}: loss ${p.loss.toFixed(4)}${p.devAccuracy === null ? "" : `, ${devLabel} ${(p.devAccuracy * 100).toFixed(1)}%`}`}</title>
          </circle>
        ))}
      </svg>
      <p className="mt-1 text-xs text-slate-500">
        <span className="text-indigo-700">—</span> mean train loss (cross-entropy against the pseudolabels, left axis)
        {dev.length > 0 && (
          <>
            {" "}
            · <span className="text-emerald-600">- -</span> accuracy on the dev rows with gold (right axis; the best epoch is the model kept)
          </>
        )}
      </p>
    </figure>
  );
}

const round = (v: number) => Math.round(v * 10) / 10;
const decimals = (ticks: readonly number[]) => {
  const step = ticks.length > 1 ? Math.abs(ticks[1]! - ticks[0]!) : 1;
  return Math.min(4, Math.max(0, Math.ceil(-Math.log10(step) + 1e-9)));
};
