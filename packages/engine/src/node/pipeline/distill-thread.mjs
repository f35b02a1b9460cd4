// Worker-thread entry (plain JS so it starts the same under tsx, vitest and node): featurises the
// rows and trains the distilled MLP off the caller's event loop, posting each epoch's loss as it
// goes, then exports the ONNX graph. The parent cancels by terminating the thread.
import { parentPort, workerData } from "node:worker_threads";

// See label-model-thread.mjs: tsx from source, plain JavaScript when bundled.
if (!globalThis.ALCHEMIST_BUNDLED) (await import("tsx/esm/api")).register();
const { distillModel } = await import("../../pipeline/distill-model.ts");
const { exportModelOnnx } = await import("../../onnx/export-model-onnx.ts");
const { distillImageModel } = await import("../../pipeline/distill-image-model.ts");
const { distillMultiLabelModel } = await import("../../pipeline/distill-multi-label-model.ts");
const { inputs, fitRows, targets, train, devRows, devGold, scoreRows, k, seed, epochs, hidden, features, classNames, input, taskName, image, multiLabel } =
  workerData;
try {
  const hooks = {
    onFeatures: () => parentPort.postMessage({ type: "features" }),
    onEpoch: ({ epoch, loss, devAccuracy }) => parentPort.postMessage({ type: "epoch", epoch, loss, devAccuracy }),
  };
  const common = { fitRows, targets: { n: fitRows.length, k, values: targets }, train, devRows, devGold, k, seed, epochs, hidden, ...hooks };
  // An image task trains on its CLIP embeddings; a text task featurises the program inputs; a multi-label one gets sigmoid outputs.
  const result = multiLabel
    ? distillMultiLabelModel({
        inputs,
        L: multiLabel.L,
        proba: multiLabel.proba,
        train,
        devRows,
        devGold: multiLabel.devGold,
        k,
        seed,
        epochs,
        hidden,
        features,
        ...hooks,
      })
    : image
      ? {
          // image: embeddings, dim, template, preprocessing and the feature kind (with its concepts).
          ...distillImageModel({ ...common, ...image, classNames, taskName }),
          featureSpec: null,
        }
      : distillModel({ ...common, inputs, features });
  // A copy: the encoder's bytes may be a view into a larger buffer, which must not be transferred whole.
  const onnx = (image ? result.onnx : exportModelOnnx({ params: result.params, features: result.featureSpec, classNames, input, taskName })).slice();
  const values = multiLabel ? result.proba : result.proba.values;
  const proba = Float64Array.from({ length: scoreRows.length * k }, (_, x) => values[scoreRows[Math.floor(x / k)] * k + (x % k)]);
  parentPort.postMessage(
    {
      type: "done",
      onnx,
      proba,
      epochs: result.epochs,
      bestEpoch: result.bestEpoch,
      params: { sizes: result.params.sizes },
      featuresMs: result.featuresMs,
      distillMs: result.distillMs,
      featureSpec: result.featureSpec,
      ...(multiLabel ? { trainRows: result.trainRows } : {}),
    },
    [onnx.buffer, proba.buffer],
  );
} catch (error) {
  parentPort.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) });
}
