// Python programs in Pyodide, loaded once per child. A watchdog thread interrupts a row that runs
// past its budget (setInterruptBuffer); if Python ignores the interrupt, the watchdog kills the
// whole process after a marker on stderr so the parent records the chunk as timed out.
import { constants as fsConstants, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const WATCHDOG = `
const { workerData } = require("node:worker_threads");
const fs = require("node:fs");
const ctl = new Int32Array(workerData); // 0 interrupt, 1 row sequence, 2 active, 3 row budget ms
for (;;) {
  const seq = Atomics.load(ctl, 1);
  if (Atomics.wait(ctl, 1, seq, Atomics.load(ctl, 3)) !== "timed-out" || Atomics.load(ctl, 2) !== 1) continue;
  Atomics.store(ctl, 0, 2);
  if (Atomics.wait(ctl, 1, seq, Math.max(2000, 2 * Atomics.load(ctl, 3))) === "timed-out" && Atomics.load(ctl, 2) === 1) {
    fs.writeSync(2, "ALCHEMIST_WATCHDOG_TIMEOUT\\n");
    process.kill(process.pid, "SIGKILL");
  }
}`;

let runtime;

async function load(pyodideDir) {
  // Pyodide's NODEFS reads fs constants through process.binding, which the permission model denies.
  const binding = process.binding;
  process.binding = (name) => (name === "constants" ? { fs: fsConstants } : binding.call(process, name));
  const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
  const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, jsglobals: {}, stdout: () => {}, stderr: () => {} });
  const ctl = new Int32Array(new SharedArrayBuffer(16));
  pyodide.setInterruptBuffer(ctl.subarray(0, 1));
  new Worker(WATCHDOG, { eval: true, workerData: ctl.buffer }).unref();
  pyodide.runPython(readFileSync(new URL("./python-harness.py", import.meta.url), "utf8"));
  pyodide.runPython("_lockdown()");
  const tick = (i) => {
    Atomics.store(ctl, 2, i >= 0 ? 1 : 0);
    Atomics.add(ctl, 1, 1);
    Atomics.notify(ctl, 1);
  };
  return { pyodide, ctl, tick, run: pyodide.globals.get("_alchemist_run"), check: pyodide.globals.get("_alchemist_check") };
}

function getRuntime(pyodideDir) {
  runtime ??= load(pyodideDir);
  return runtime;
}

export async function runPython(pyodideDir, program, inputsJson, rowTimeoutMs) {
  const rt = await getRuntime(pyodideDir);
  const sliceMs = Math.max(1, Math.floor(rowTimeoutMs / 4));
  Atomics.store(rt.ctl, 3, rowTimeoutMs + sliceMs);
  Atomics.store(rt.ctl, 0, 0);
  return rt.run(program.source, program.functionName, inputsJson, rt.tick, sliceMs / 1000);
}

export async function checkPython(pyodideDir, program) {
  const rt = await getRuntime(pyodideDir);
  return JSON.parse(rt.check(program.source, program.functionName));
}
