import { Worker } from "node:worker_threads";
import type { Split } from "../../core/dataset";
import type { LabelMatrix } from "../../core/label-matrix";
import type { OneVsRestChoice } from "../../multi-label/choose-one-vs-rest-label-models";

/**
 * `chooseOneVsRestLabelModels(multiLabelVotes(L, k), ...)` in a worker thread (the label-model
 * thread): a multi-label run fits every binary label model once per class, seconds of CPU that
 * must not block the caller's event loop. The result is the same as calling it directly.
 *
 * @example
 * const choice = await chooseOneVsRestOffThread(L, splits, goldSets, { classNames: ["sports", "politics", "tech"], seed: 42 });
 */
export function chooseOneVsRestOffThread(
  L: LabelMatrix,
  splits: readonly Split[],
  goldSets: readonly (readonly number[] | undefined)[],
  options: { classNames: readonly string[]; seed: number },
): Promise<OneVsRestChoice> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL("./label-model-thread.mjs", import.meta.url), {
      workerData: { L, seed: options.seed, oneVsRest: { splits, goldSets, classNames: options.classNames } },
    });
    let settled = false;
    thread.once("message", (message: { ok: true; choice: OneVsRestChoice } | { ok: false; message: string }) => {
      settled = true;
      if (message.ok) resolve(message.choice);
      else reject(new Error(`one-vs-rest label-model fit failed: ${message.message}`));
    });
    thread.once("error", (error) => {
      settled = true;
      reject(error);
    });
    thread.once("exit", (code) => {
      if (!settled) reject(new Error(`label-model fit thread exited with code ${code} before answering`));
    });
  });
}
