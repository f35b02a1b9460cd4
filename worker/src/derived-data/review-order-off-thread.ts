import { Worker } from "node:worker_threads";
import type { LabelMatrix, ReviewOrder } from "@alchemist/engine";

/** What the likely-errors order audits: each row's program input, split and gold, the votes and the pseudolabels. */
export interface LikelyErrorsInput {
  readonly kind: "likely-errors";
  readonly inputs: readonly unknown[];
  readonly splits: readonly ("train" | "dev" | "test")[];
  readonly gold: readonly (number | null)[];
  readonly L: LabelMatrix;
  readonly pseudolabels: { readonly k: number; readonly values: Float64Array };
  readonly seed: number;
  readonly epochs: number;
}

export type ReviewOrderInput =
  { readonly kind: "conflict"; readonly L: LabelMatrix } | { readonly kind: "uncertainty"; readonly entropy: Float32Array } | LikelyErrorsInput;

/**
 * Runs the engine's `conflictReviewOrder` / `entropyReviewOrder` / `auditLabels` +
 * `likelyErrorsReviewOrder` in a worker thread: scoring and sorting every row (or distilling five
 * fold models) must not block the worker's event loop (BullMQ lock renewals, other jobs).
 * The typed arrays are copied to the thread; the order comes back transferred.
 *
 * @example
 * const { indices, scored } = await reviewOrderOffThread({ kind: "conflict", L });
 */
export function reviewOrderOffThread(input: ReviewOrderInput): Promise<ReviewOrder> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(new URL("./review-order-thread.mjs", import.meta.url), { workerData: input });
    let settled = false;
    thread.once("message", (message: { ok: true; indices: Int32Array; scored: number } | { ok: false; message: string }) => {
      settled = true;
      if (message.ok) resolve({ indices: message.indices, scored: message.scored });
      else reject(new Error(`review order failed: ${message.message}`));
    });
    thread.once("error", (error) => {
      settled = true;
      reject(error);
    });
    thread.once("exit", (code) => {
      if (!settled) reject(new Error(`review-order thread exited with code ${code} before answering`));
    });
  });
}
