import { setTrainedModelCurve, type Db, type LossPoint } from "@alchemist/db";
import type { ReportProgress } from "../tracked-job";

/**
 * The training stage's per-epoch callback for a trained model: keeps its loss curve, stores the
 * curve after every epoch (the Train page draws it live) and reports progress from 10 % to 95 %.
 * Writes are serialised, so the stored curve only ever grows; a failed write is retried by the
 * next epoch's (it stores the whole curve) and never fails the training.
 *
 * @example
 * const progress = epochProgress(db, { trainedModelId, epochs: 30, report, devScore: "dev accuracy" });
 * await distillOffThread(input, { onEpoch: progress.onEpoch });
 * await progress.settled();
 */
export function epochProgress(
  db: Db,
  o: { trainedModelId: string; epochs: number; report: ReportProgress; devScore: string },
): { curve: LossPoint[]; onEpoch: (point: LossPoint) => void; settled: () => Promise<void> } {
  const curve: LossPoint[] = [];
  let writes = Promise.resolve();
  const onEpoch = (point: LossPoint) => {
    curve.push(point);
    const snapshot = [...curve];
    const line = `epoch ${point.epoch}/${o.epochs}: loss ${point.loss.toFixed(4)}${point.devAccuracy === null ? "" : `, ${o.devScore} ${point.devAccuracy.toFixed(3)}`}`;
    writes = writes
      .then(async () => {
        await setTrainedModelCurve(db, o.trainedModelId, snapshot);
        await o.report(10 + (85 * point.epoch) / o.epochs, line);
      })
      .catch(() => undefined);
  };
  return { curve, onEpoch, settled: () => writes };
}
