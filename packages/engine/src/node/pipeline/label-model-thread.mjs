// Worker-thread entry (plain JS so it starts the same under tsx, vitest and node): the engine's
// label-model stage off the caller's event loop (a BullMQ worker must keep renewing its locks).
import { parentPort, workerData } from "node:worker_threads";

// From source (tsx, vitest) the engine is TypeScript and a worker thread does not get the parent's
// tsx loader: register it here. Built code (apps/cli/dist, worker/dist) defines ALCHEMIST_BUNDLED,
// so the bundle drops this line and runs plain JavaScript.
if (!globalThis.ALCHEMIST_BUNDLED) (await import("tsx/esm/api")).register();
const { chooseLabelModel } = await import("../../pipeline/choose-label-model.ts");
const { L, split, k, seed } = workerData;
try {
  const choice = chooseLabelModel(L, split, { k, seed });
  const values = choice.proba.values;
  parentPort.postMessage({ ok: true, choice: { ...choice, proba: { n: choice.proba.n, k: choice.proba.k, values } } }, [values.buffer, choice.testPred.buffer]);
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
