// Worker-thread entry (plain JS so it starts the same under tsx, vitest and node): sorts a run's
// rows into review order off the worker's event loop (a million rows take about a second).
import { parentPort, workerData } from "node:worker_threads";

// From source (tsx, vitest) the engine is TypeScript and a worker thread does not get the parent's
// tsx loader: register it here. The built worker (worker/dist) defines ALCHEMIST_BUNDLED.
if (!globalThis.ALCHEMIST_BUNDLED) (await import("tsx/esm/api")).register();
const { auditLabels, conflictReviewOrder, entropyReviewOrder, evaluationSplit, likelyErrorsReviewOrder } = await import("@alchemist/engine");

function likelyErrors(d) {
  const split = evaluationSplit(d.splits, d.gold);
  const { issues } = auditLabels({ inputs: d.inputs, split, L: d.L, pseudolabels: d.pseudolabels, k: d.pseudolabels.k, seed: d.seed, epochs: d.epochs });
  return likelyErrorsReviewOrder(issues, d.inputs.length);
}

try {
  const order =
    workerData.kind === "conflict"
      ? conflictReviewOrder(workerData.L)
      : workerData.kind === "likely-errors"
        ? likelyErrors(workerData)
        : entropyReviewOrder(workerData.entropy);
  parentPort.postMessage({ ok: true, indices: order.indices, scored: order.scored }, [order.indices.buffer]);
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
