import { lossCurvePoints, type LossPointView } from "../model-view";

const W = 560;
const H = 220;
const PAD = 28;

/**
 * The training loss per epoch as an SVG line (dev accuracy, when known, as a dotted second line
 * on a 0..1 scale), x spanning the planned epochs so the curve grows while training runs.
 *
 * @example
 * <LossCurve curve={model.lossCurve} epochs={30} />
 */
export function LossCurve({ curve, epochs }: { curve: readonly LossPointView[]; epochs: number }) {
  const maxEpoch = Math.max(epochs, curve.at(-1)?.epoch ?? 1, 2);
  const points = lossCurvePoints(curve, W, H, PAD, maxEpoch);
  const dev = curve.filter((p) => p.devAccuracy !== null);
  const devPoints = dev.map((p) => `${PAD + ((p.epoch - 1) / (maxEpoch - 1)) * (W - 2 * PAD)},${PAD + (1 - p.devAccuracy!) * (H - 2 * PAD)}`).join(" ");
  const losses = curve.map((p) => p.loss);
  const last = curve.at(-1);
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-sm">
        <span className="font-medium">Training loss</span>
        <span data-testid="loss-epochs" className="text-slate-500 tabular-nums">
          {last ? `epoch ${last.epoch} · loss ${last.loss.toFixed(4)}${last.devAccuracy === null ? "" : ` · dev accuracy ${(last.devAccuracy * 100).toFixed(1)}%`}` : "waiting for the first epoch…"}
        </span>
      </figcaption>
      <svg data-testid="loss-curve" data-points={curve.length} viewBox={`0 0 ${W} ${H}`} className="h-auto w-full overflow-visible" role="img" aria-label={`Training loss over ${curve.length} epochs`}>
        <line x1={PAD} y1={H - PAD} x2={W - PAD} y2={H - PAD} className="stroke-slate-300" />
        <line x1={PAD} y1={PAD} x2={PAD} y2={H - PAD} className="stroke-slate-300" />
        {losses.length > 0 && (
          <>
            <text x={PAD - 4} y={PAD + 4} textAnchor="end" className="fill-slate-500 text-[10px]">{Math.max(...losses).toFixed(3)}</text>
            <text x={PAD - 4} y={H - PAD} textAnchor="end" className="fill-slate-500 text-[10px]">{Math.min(...losses).toFixed(3)}</text>
          </>
        )}
        <text x={W - PAD} y={H - 8} textAnchor="end" className="fill-slate-500 text-[10px]">epoch {maxEpoch}</text>
        <text x={PAD} y={H - 8} className="fill-slate-500 text-[10px]">1</text>
        {devPoints && <polyline points={devPoints} fill="none" strokeDasharray="3 3" className="stroke-emerald-500" strokeWidth={1.5} />}
        {points && <polyline data-testid="loss-line" points={points} fill="none" className="stroke-indigo-600" strokeWidth={2} />}
        {curve.length === 1 && <circle cx={points.split(",")[0]} cy={points.split(",")[1]} r={3} className="fill-indigo-600" />}
      </svg>
      <p className="mt-1 text-xs text-slate-500">
        <span className="text-indigo-700">—</span> mean train loss (cross-entropy against the pseudolabels){dev.length > 0 && <> · <span className="text-emerald-600">- -</span> dev accuracy (0–100%, drives early stopping)</>}
      </p>
    </figure>
  );
}
