// Worker-thread entry (plain JS so it starts the same under tsx, vitest and node): fits the label
// models off the worker's event loop, so BullMQ lock renewals and other jobs keep running.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { fitLabelModel } = await import("@alchemist/engine/node");
const { L, ...options } = workerData;
try {
  const stage = fitLabelModel(L, options);
  parentPort.postMessage({ ok: true, name: stage.name, reason: stage.reason, comparison: stage.comparison });
} catch (error) {
  parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
