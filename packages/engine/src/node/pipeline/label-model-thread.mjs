// Worker-thread entry (plain JS so it starts the same under tsx, vitest and node): the engine's
// label-model stage off the caller's event loop (a BullMQ worker must keep renewing its locks).
import { parentPort, workerData } from "node:worker_threads";

// From source (tsx, vitest) the engine is TypeScript and a worker thread does not get the parent's
// tsx loader: register it here. Built code (apps/cli/dist, worker/dist) defines ALCHEMIST_BUNDLED,
// so the bundle drops this line and runs plain JavaScript.
if (!globalThis.ALCHEMIST_BUNDLED) (await import("tsx/esm/api")).register();
const { chooseLabelModel } = await import("../../pipeline/choose-label-model.ts");
const { chooseOneVsRestLabelModels } = await import("../../multi-label/choose-one-vs-rest-label-models.ts");
const { multiLabelVotes } = await import("../../multi-label/multi-label-votes.ts");
const { L, split, k, seed, oneVsRest } = workerData;
try {
  // A multi-label run: the class-set votes split one vs rest, each class's binary models chosen on dev gold.
  if (oneVsRest) {
    const choice = chooseOneVsRestLabelModels(multiLabelVotes(L, oneVsRest.classNames.length), oneVsRest.splits, oneVsRest.goldSets, {
      classNames: oneVsRest.classNames,
      seed,
    });
    parentPort.postMessage({ ok: true, choice }, [choice.proba.values.buffer]);
  } else {
    const choice = chooseLabelModel(L, split, { k, seed });
    const values = choice.proba.values;
    parentPort.postMessage({ ok: true, choice: { ...choice, proba: { n: choice.proba.n, k: choice.proba.k, values } } }, [
      values.buffer,
      choice.testPred.buffer,
    ]);
  }
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
