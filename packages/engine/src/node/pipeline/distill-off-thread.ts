import { Worker } from "node:worker_threads";
import type { LabelMatrix } from "../../core/label-matrix";
import type { TaskSpec } from "../../core/task";
import type { FeatureSpecJson, RowFeaturizerOptions } from "../../features/row-featurizer";
import type { ImageFeatureKind } from "../../images/image-features";
import type { RoboShotInsights } from "../../images/roboshot-calibration";
import type { ImagePreprocessingSpec } from "../../onnx/export-image-model-onnx";

export interface DistillThreadInput {
  /** Program input of every row, row order. */
  readonly inputs: readonly unknown[];
  readonly fitRows: Int32Array;
  /** Soft targets of `fitRows`, fitRows.length x k row-major (distillTargets). */
  readonly targets: Float64Array;
  readonly train: Int32Array;
  /** Dev rows with gold and their gold, for early stopping (devRowsWithGold). */
  readonly devRows: Int32Array;
  readonly devGold: Int32Array;
  /** Rows whose probabilities come back (e.g. the test rows, for the final metrics). */
  readonly scoreRows: Int32Array;
  readonly k: number;
  readonly seed: number;
  readonly epochs: number;
  readonly hidden?: readonly number[];
  readonly features?: RowFeaturizerOptions;
  readonly classNames: readonly string[];
  readonly input: TaskSpec["input"];
  readonly taskName: string;
  /**
   * An image task: the MLP trains on these CLIP embeddings (`distillImageModel`) instead of
   * featurising `inputs`; `features` "scores" or "both" read the concepts' cosine scores, from the
   * concepts' raw text embeddings (concepts.length x dim).
   */
  readonly image?: {
    readonly embeddings: Float32Array;
    readonly dim: number;
    readonly template: string;
    readonly preprocessing: ImagePreprocessingSpec;
    readonly features?: ImageFeatureKind;
    readonly concepts?: readonly string[];
    readonly conceptEmbeddings?: Float32Array;
    /** RoboShot matrix (dim x dim) and its insights, when the dataset's scores are calibrated. */
    readonly calibration?: Float32Array | null;
    readonly insights?: RoboShotInsights | null;
  };
  /**
   * A multi-label task: the engine's `distillMultiLabelModel` (sigmoid outputs) picks the covered
   * train rows of `L` (class-set bitmask votes) and fits them on `proba` (n x k one-vs-rest
   * probabilities), early-stopping on `devGold` (devRows.length x k indicators); `fitRows`,
   * `targets` and the single-label `devGold` are not read (pass empty arrays).
   */
  readonly multiLabel?: { readonly L: LabelMatrix; readonly proba: Float64Array; readonly devGold: Uint8Array };
}

export interface DistillThreadResult {
  readonly onnx: Uint8Array;
  /** scoreRows.length x k, scoreRows order. */
  readonly proba: Float64Array;
  readonly epochs: number;
  readonly bestEpoch: number;
  /** Layer sizes of the MLP, input first. */
  readonly params: { readonly sizes: readonly number[] };
  readonly featuresMs: number;
  readonly distillMs: number;
  /** The text/tabular featurizer; null for an image model. */
  readonly featureSpec: FeatureSpecJson | null;
  /** Multi-label: how many (covered) train rows the MLP was fitted on. */
  readonly trainRows?: number;
}

type ThreadMessage =
  | { type: "features" }
  | { type: "epoch"; epoch: number; loss: number; devAccuracy: number | null }
  | ({ type: "done" } & DistillThreadResult)
  | { type: "error"; message: string };

/**
 * The engine's `distillModel` (`distillMultiLabelModel` for a multi-label task) plus the ONNX export in a worker thread (seconds to minutes of CPU
 * that must not block the caller's event loop). `onEpoch` gets every epoch's loss as it happens;
 * aborting `signal` terminates the thread and rejects.
 *
 * @example
 * const { onnx, proba } = await distillOffThread(input, { onEpoch: (e) => curve.push(e), signal });
 */
export function distillOffThread(
  input: DistillThreadInput,
  hooks: { onFeatures?: () => void; onEpoch?: (epoch: { epoch: number; loss: number; devAccuracy: number | null }) => void; signal?: AbortSignal } = {},
): Promise<DistillThreadResult> {
  return new Promise((resolve, reject) => {
    if (hooks.signal?.aborted) return reject(new Error(`training cancelled: ${String(hooks.signal.reason ?? "aborted")}`));
    const thread = new Worker(new URL("./distill-thread.mjs", import.meta.url), { workerData: input });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      hooks.signal?.removeEventListener("abort", onAbort);
      fn();
    };
    const onAbort = () => {
      settle(() => reject(new Error(`training cancelled: ${String(hooks.signal?.reason ?? "aborted")}`)));
      void thread.terminate();
    };
    hooks.signal?.addEventListener("abort", onAbort, { once: true });
    thread.on("message", (message: ThreadMessage) => {
      if (message.type === "features") hooks.onFeatures?.();
      else if (message.type === "epoch") hooks.onEpoch?.({ epoch: message.epoch, loss: message.loss, devAccuracy: message.devAccuracy });
      else if (message.type === "error") settle(() => reject(new Error(`training failed: ${message.message}`)));
      else {
        const { type: _type, ...result } = message;
        settle(() => resolve(result));
      }
    });
    thread.once("error", (error) => settle(() => reject(error)));
    thread.once("exit", (code) => settle(() => reject(new Error(`training thread exited with code ${code} before answering`))));
  });
}
