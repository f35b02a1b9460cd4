// Worker-thread entry (plain JS so it starts the same under tsx, vitest and node): featurises the
// rows and trains the MLP off the worker's event loop, posting each epoch's loss as it goes.
// The parent cancels by terminating the thread.
import { parentPort, workerData } from "node:worker_threads";

// From source (tsx, vitest) the engine is TypeScript and a worker thread does not get the parent's
// tsx loader: register it here. The built worker (worker/dist) defines ALCHEMIST_BUNDLED, so its
// bundle drops this line and runs plain JavaScript.
if (!globalThis.ALCHEMIST_BUNDLED) (await import("tsx/esm/api")).register();
const { distillModel } = await import("@alchemist/engine/node");
const { exportModelOnnx } = await import("@alchemist/engine");
const { inputs, fitRows, targets, train, devRows, devGold, testRows, k, seed, epochs, hidden, tfidfDimension, classNames, input, taskName } = workerData;
try {
  const result = distillModel({
    inputs, fitRows, targets: { n: fitRows.length, k, values: targets }, train, devRows, devGold, k, seed, epochs, hidden,
    features: { tfidf: { dimension: tfidfDimension } },
    onFeatures: () => parentPort.postMessage({ type: "features" }),
    onEpoch: ({ epoch, loss, devAccuracy }) => parentPort.postMessage({ type: "epoch", epoch, loss, devAccuracy }),
  });
  // A copy: the encoder's bytes may be a view into a larger buffer, which must not be transferred whole.
  const onnx = exportModelOnnx({ params: result.params, features: result.featureSpec, classNames, input, taskName }).slice();
  const testProba = Float64Array.from({ length: testRows.length * k }, (_, x) => result.proba.values[testRows[Math.floor(x / k)] * k + (x % k)]);
  const { text, tabular } = result.featureSpec;
  const featurizer = {
    text: text ? { dimension: text.dimension, wordNgrams: text.wordNgrams, charNgrams: text.charNgrams, sublinearTf: text.sublinearTf, lowercase: text.lowercase, documents: text.documents } : null,
    textFields: result.featureSpec.textFields, tabularColumns: tabular ? (tabular.columns?.length ?? null) : null,
  };
  parentPort.postMessage(
    { type: "done", onnx, testProba, epochs: result.epochs, bestEpoch: result.bestEpoch, inputSize: result.params.sizes[0], featuresMs: result.featuresMs, distillMs: result.distillMs, featurizer },
    [onnx.buffer, testProba.buffer],
  );
} catch (error) {
  parentPort.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
}
