import { Worker } from "node:worker_threads";
import type { LabelMatrix } from "@alchemist/engine";
import type { LabelModelComparison } from "@alchemist/engine/node";

export interface LabelModelChoice {
  readonly name: string;
  readonly reason: string;
  readonly comparison: readonly LabelModelComparison[];
  /** Per program (run order): the chosen model's mean probability of its train votes; null when it never votes. */
  readonly learnedAccuracies?: readonly (number | null)[];
  /** The class-balance prior the models were fitted with (Laplace-smoothed dev gold counts). */
  readonly classBalance?: readonly number[];
  /** Mean of the chosen model's soft labels over the train rows. */
  readonly estimatedClassBalance?: readonly number[];
  /** The chosen model's probabilities of every row (pseudolabels), n x k row-major. */
  readonly proba: { readonly n: number; readonly k: number; readonly values: Float32Array };
}

type FitOptions = { train: Int32Array; dev: Int32Array; test: Int32Array; devGold: Int32Array; testGold: Int32Array; k: number; seed: number };

/**
 * Runs the engine's `fitLabelModel` (every label model fitted, one chosen on dev) in a worker
 * thread: Dawid-Skene or Snorkel on a large run take seconds of CPU that must not block the
 * worker's event loop. The typed arrays are copied to the thread.
 *
 * @example
 * const { name, reason, comparison } = await fitLabelModelOffThread(L, { train, dev, test, devGold, testGold, k: 2, seed: 0 });
 */
export function fitLabelModelOffThread(L: LabelMatrix, options: FitOptions): Promise<LabelModelChoice> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL("./fit-thread.mjs", import.meta.url), { workerData: { L, ...options } });
    let settled = false;
    thread.once("message", (message: { ok: true } & LabelModelChoice | { ok: false; message: string }) => {
      settled = true;
      if (message.ok) {
        const { name, reason, comparison, learnedAccuracies, classBalance, estimatedClassBalance } = message;
        const proba = { n: L.n, k: options.k, values: (message as unknown as { proba: Float32Array }).proba };
        resolve({ name, reason, comparison, learnedAccuracies, classBalance, estimatedClassBalance, proba });
      }
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
