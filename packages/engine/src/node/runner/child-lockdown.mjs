// JS-level lock-down of a runner child, applied before any program code runs and kept for the
// child's life. It holds in every isolation mode; with a network namespace (os-isolation.ts) it is
// the second layer. The child has already imported what it needs; from here on nothing in the main
// realm can load modules, open sockets, signal other processes or reach native bindings:
// - fetch/WebSocket/EventSource (+ Request/Response/Headers) are deleted: no HTTP from the realm.
// - process.getBuiltinModule is deleted: an escaped program holding `process` cannot load net/dns/
//   child_process/worker_threads; `require` does not exist in this ESM realm, and import() needs
//   compiled code, which --disallow-code-generation-from-strings forbids.
// - process.binding answers only "constants" (Pyodide reads fs constants); _linkedBinding, dlopen
//   (addons are also disabled by the permission model), kill (no signals to the parent), chdir,
//   umask, setuid & co. are removed.
// The IPC channel stays (Node's internals use it): a program that somehow held `process` could at
// most answer its own request, which returning values already does.
// Node's permission model stays on underneath: no file reads outside the runner's code and
// Pyodide, no writes, no child processes.
import { constants as fsConstants } from "node:fs";

const REMOVED_GLOBALS = ["fetch", "WebSocket", "EventSource", "Request", "Response", "Headers", "FormData", "navigator"];
const REMOVED_PROCESS = [
  "getBuiltinModule",
  "_linkedBinding",
  "dlopen",
  "kill",
  "chdir",
  "umask",
  "setuid",
  "setgid",
  "seteuid",
  "setegid",
  "setgroups",
  "initgroups",
  "_debugProcess",
  "_debugEnd",
  "_startProfilerIdleNotifier",
  "openStdin",
  "_kill",
  "loadEnvFile",
  "report",
];

function remove(target, name) {
  try {
    Object.defineProperty(target, name, { value: undefined, writable: false, configurable: false, enumerable: false });
  } catch {
    try {
      delete target[name];
    } catch {
      /* already absent or locked */
    }
  }
}

/** Locks the realm down; returns what was removed, for the child's self-check. */
export function lockdown() {
  for (const name of REMOVED_GLOBALS) remove(globalThis, name);
  for (const name of REMOVED_PROCESS) remove(process, name);
  const constantsOnly = (name) => {
    if (name === "constants") return { fs: fsConstants };
    throw new Error("Access to this API has been restricted");
  };
  Object.defineProperty(process, "binding", { value: constantsOnly, writable: false, configurable: false });
  // The WASM memory cap (child-python.mjs) patches WebAssembly.Memory.prototype.grow before this
  // runs; freezing the namespace keeps programs from swapping WebAssembly out.
  Object.freeze(WebAssembly.Memory.prototype);
  Object.freeze(WebAssembly);
  return { globals: REMOVED_GLOBALS.filter((n) => globalThis[n] !== undefined), process: REMOVED_PROCESS.filter((n) => process[n] !== undefined) };
}
