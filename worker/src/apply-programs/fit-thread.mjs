// Worker-thread entry (plain JS so it starts the same under tsx, vitest and node): fits the label
// models off the worker's event loop, so BullMQ lock renewals and other jobs keep running.
import { parentPort, workerData } from "node:worker_threads";

// From source (tsx, vitest) the engine is TypeScript and a worker thread does not get the parent's
// tsx loader: register it here. The built worker (worker/dist) defines ALCHEMIST_BUNDLED, so its
// bundle drops this line and runs plain JavaScript.
if (!globalThis.ALCHEMIST_BUNDLED) (await import("tsx/esm/api")).register();
const { fitLabelModel } = await import("@alchemist/engine/node");
const { L, test, testGold, ...options } = workerData;
try {
  // Label models score rows one at a time, so asking for the "test" probabilities of every row
  // yields the pseudolabels of the whole dataset in the same single fit. Gold is kept on the real
  // test rows only, so the comparison's test scores are those of the test split.
  const all = Int32Array.from({ length: L.n }, (_, i) => i);
  const allGold = new Int32Array(L.n).fill(-1);
  for (let t = 0; t < test.length; t++) allGold[test[t]] = testGold[t];
  const stage = fitLabelModel(L, { ...options, test: all, testGold: allGold });
  const { n, k, values } = stage.trainProba;
  const estimatedClassBalance = Array.from({ length: k }, (_, c) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[i * k + c];
    return n > 0 ? sum / n : 0;
  });
  const proba = Float32Array.from(stage.testProba.values);
  parentPort.postMessage(
    {
      ok: true, name: stage.name, reason: stage.reason, comparison: stage.comparison,
      learnedAccuracies: stage.learnedAccuracies, classBalance: Array.from(stage.classBalance), estimatedClassBalance,
      proba, k: stage.testProba.k,
    },
    [proba.buffer],
  );
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
