/**
 * The bench-train baseline: the same 2 x 32 ReLU MLP (He-normal init, softmax, categorical
 * cross-entropy on the same soft targets, Adam 1e-3 / 0.9 / 0.999 / 1e-7, same batch size and
 * epochs, shuffled every epoch) trained by @tensorflow/tfjs on a dense input, with the WebAssembly
 * backend loaded from the package's dist folder on disk (no network); the cpu backend if wasm fails.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";

export interface TfjsBaselineOptions {
  readonly hidden: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly seed: number;
}

/** Selects the wasm backend (files from node_modules), falling back to cpu; returns the backend in use. */
export async function useTfjsBackend(): Promise<{ backend: string; fallbackReason?: string }> {
  try {
    const dist = dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm"));
    setWasmPaths(join(dist, "/"));
    if (!(await tf.setBackend("wasm"))) throw new Error("tf.setBackend('wasm') returned false");
    await tf.ready();
    return { backend: tf.getBackend() };
  } catch (error) {
    await tf.setBackend("cpu");
    await tf.ready();
    return { backend: tf.getBackend(), fallbackReason: (error as Error).message };
  }
}

/** Trains on dense row-major X (n x inputSize) with soft targets (n x k); returns a predict function. */
export async function trainTfjsBaseline(
  X: Float32Array,
  n: number,
  inputSize: number,
  targets: Float32Array,
  k: number,
  options: TfjsBaselineOptions,
): Promise<(Xq: Float32Array, rows: number) => Int32Array> {
  const { hidden, epochs, batchSize, learningRate, seed } = options;
  const model = tf.sequential();
  hidden.forEach((units, l) =>
    model.add(
      tf.layers.dense({
        units,
        activation: "relu",
        kernelInitializer: tf.initializers.heNormal({ seed: seed + l }),
        ...(l === 0 ? { inputShape: [inputSize] } : {}),
      }),
    ),
  );
  model.add(tf.layers.dense({ units: k, activation: "softmax", kernelInitializer: tf.initializers.heNormal({ seed: seed + hidden.length }) }));
  model.compile({ optimizer: tf.train.adam(learningRate, 0.9, 0.999, 1e-7), loss: "categoricalCrossentropy" });
  const xs = tf.tensor2d(X, [n, inputSize]);
  const ys = tf.tensor2d(targets, [n, k]);
  await model.fit(xs, ys, { epochs, batchSize, shuffle: true, verbose: 0 });
  xs.dispose();
  ys.dispose();
  return (Xq, rows) =>
    tf.tidy(() => {
      const out = model.predict(tf.tensor2d(Xq, [rows, inputSize])) as tf.Tensor;
      return Int32Array.from(out.argMax(-1).dataSync());
    });
}
