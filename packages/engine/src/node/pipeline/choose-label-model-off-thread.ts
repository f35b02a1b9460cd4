import { Worker } from "node:worker_threads";
import type { LabelMatrix } from "../../core/label-matrix";
import type { LabelModelChoice } from "../../pipeline/choose-label-model";
import type { EvaluationSplit } from "../../pipeline/evaluation-split";

/**
 * `chooseLabelModel` in a worker thread: Dawid-Skene or Snorkel on a large run take seconds of
 * CPU that must not block the caller's event loop (a worker's BullMQ lock renewals, other jobs).
 * The typed arrays are copied to the thread; the result is the same as calling it directly.
 *
 * @example
 * const choice = await chooseLabelModelOffThread(L, split, { k: 2, seed: 0 });
 */
export function chooseLabelModelOffThread(L: LabelMatrix, split: EvaluationSplit, options: { k: number; seed: number }): Promise<LabelModelChoice> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL("./label-model-thread.mjs", import.meta.url), { workerData: { L, split, ...options } });
    let settled = false;
    thread.once("message", (message: { ok: true; choice: LabelModelChoice } | { ok: false; message: string }) => {
      settled = true;
      if (message.ok) resolve(message.choice);
      else reject(new Error(`label-model fit failed: ${message.message}`));
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
