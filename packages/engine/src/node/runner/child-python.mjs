// Python programs in Pyodide, loaded once per child. A watchdog thread interrupts a row that used
// its budget of CPU time (setInterruptBuffer); if Python ignores the interrupt, the watchdog kills
// the whole process after a marker on stderr so the parent records the chunk as timed out.
// Memory: WebAssembly.Memory.prototype.grow is capped (capWasmMemory, installed by pyodide-sandbox
// before the lock-down freezes it), so a Python memory bomb ends in MemoryError, a `memory` fault.
// Files: Pyodide's in-memory file system is made read-only after start, so no program can leave
// files for another (host files are never mounted; the permission model blocks them anyway).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const WATCHDOG = `
const { workerData } = require("node:worker_threads");
const fs = require("node:fs");
const kill = process.kill.bind(process);
const usage = process.cpuUsage.bind(process);
const ctl = new Int32Array(workerData); // 0 interrupt, 1 row sequence, 2 active, 3 row budget ms
const cpuMs = () => {
  const u = usage();
  return (u.user + u.system) / 1000;
};
// Waits while the row of sequence seq runs; true once it has used limitMs of CPU time, or has been
// off the CPU (sleeping, blocked: under 2% of a core) for twice that plus 200 ms. A busy machine
// that starves this process does not shorten a row's budget (the CPython sandbox's rule).
function spent(seq, limitMs) {
  const poll = Math.max(5, Math.min(50, limitMs / 8));
  const start = cpuMs();
  let idleAt = Date.now();
  let idleCpu = start;
  for (;;) {
    if (Atomics.wait(ctl, 1, seq, poll) !== "timed-out" || Atomics.load(ctl, 2) !== 1) return false;
    const now = Date.now();
    const cpu = cpuMs();
    if (cpu - idleCpu > (now - idleAt) * 0.02) {
      idleAt = now;
      idleCpu = cpu;
    }
    if (cpu - start > limitMs || now - idleAt > 2 * limitMs + 200) return true;
  }
}
for (;;) {
  const seq = Atomics.load(ctl, 1);
  if (Atomics.load(ctl, 2) !== 1) {
    Atomics.wait(ctl, 1, seq);
    continue;
  }
  if (!spent(seq, Atomics.load(ctl, 3))) continue;
  Atomics.store(ctl, 0, 2);
  if (spent(seq, Math.max(2000, 2 * Atomics.load(ctl, 3)))) {
    fs.writeSync(2, "ALCHEMIST_WATCHDOG_TIMEOUT\\n");
    kill(process.pid, "SIGKILL");
  }
}`;

let capHit = false;
/** Whether the memory cap was hit since the last call: the row's failure, whatever Python made of it, is a memory fault. */
const takeCapHit = () => {
  const hit = capHit;
  capHit = false;
  return hit;
};

/** Caps every WebAssembly memory of this process at `mb` MiB; growth past it fails like an exhausted heap. */
export function capWasmMemory(mb) {
  const grow = WebAssembly.Memory.prototype.grow;
  const cap = mb * 1024 * 1024;
  Object.defineProperty(WebAssembly.Memory.prototype, "grow", {
    value: function cappedGrow(pages) {
      if (this.buffer.byteLength + pages * 65536 > cap) {
        capHit = true;
        throw new RangeError(`WebAssembly memory capped at ${mb} MiB`);
      }
      return grow.call(this, pages);
    },
    writable: false,
    configurable: false,
  });
}

const MUTATORS = [
  "mknod",
  "mkdir",
  "symlink",
  "rename",
  "rmdir",
  "unlink",
  "chmod",
  "lchmod",
  "fchmod",
  "chown",
  "lchown",
  "fchown",
  "truncate",
  "ftruncate",
  "utime",
  "mkdev",
  "link",
];
const WRITE_FLAGS = 1 | 2 | 64 | 512 | 1024; // O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | O_APPEND
const O_CREAT = 64;
// Pyodide itself swaps stderr for this device while it formats errors.
const PYODIDE_DEVICE = "/dev/capture_stderr";
// Pyodide APIs that fetch, mount or open sockets; programs never need them, so they are gone.
const PYODIDE_REMOVED = [
  "loadPackage",
  "loadPackagesFromImports",
  "mountNodeFS",
  "mountNativeFS",
  "registerJsModule",
  "unregisterJsModule",
  "runPythonAsync",
  "pyimport",
];
const API_REMOVED = ["initializeNodeSockFS", "loadBinaryFile", "loadDynlib", "install", "packageIndexReady"];

function readOnlyFs(pyodide) {
  const FS = pyodide.FS;
  const denied = () => new FS.ErrnoError(pyodide.ERRNO_CODES.EROFS);
  for (const name of MUTATORS) {
    const original = FS[name];
    if (typeof original !== "function") continue;
    const guarded = (path, ...rest) => {
      if (path !== PYODIDE_DEVICE) throw denied();
      return original.call(FS, path, ...rest);
    };
    Object.defineProperty(FS, name, { value: guarded, writable: false, configurable: false });
  }
  const open = FS.open;
  const flagsOf = (flags) => (typeof flags === "string" ? ({ r: 0, "r+": 2, w: 577, "w+": 578, a: 1089, "a+": 1090 }[flags] ?? 2) : flags);
  Object.defineProperty(FS, "open", {
    value: (path, flags, ...rest) => {
      const f = flagsOf(flags);
      // Writing is allowed only to existing devices (stdout, stderr, null), never to files.
      if (f & WRITE_FLAGS && !(typeof path === "string" && path.startsWith("/dev/") && !(f & O_CREAT))) throw denied();
      return open.call(FS, path, flags, ...rest);
    },
    writable: false,
    configurable: false,
  });
}

function stripApis(pyodide) {
  const api = pyodide._api;
  const gone = () => {
    throw new Error("not available in the program sandbox");
  };
  for (const [target, names] of [
    [pyodide, PYODIDE_REMOVED],
    [api, API_REMOVED],
  ]) {
    for (const name of names) {
      try {
        if (target && name in target) Object.defineProperty(target, name, { value: gone, writable: false, configurable: false });
      } catch {
        /* a non-configurable property we cannot replace stays; the OS and JS layers still hold */
      }
    }
  }
}

// Prototypes of this realm are frozen once Pyodide has loaded, so nothing a Python program reaches
// through the JS bridge (pyodide.ffi.to_js hands out arrays of this realm) can add a toJSON, an index
// setter or a method the host code would then run. Object.prototype and Function.prototype only stop
// growing and keep their other properties fixed: Pyodide assigns `constructor` on its own objects.
const INTRINSICS = [
  "Object",
  "Function",
  "Array",
  "String",
  "Number",
  "Boolean",
  "Symbol",
  "BigInt",
  "Error",
  "EvalError",
  "RangeError",
  "ReferenceError",
  "SyntaxError",
  "TypeError",
  "URIError",
  "AggregateError",
  "Promise",
  "RegExp",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "WeakRef",
  "FinalizationRegistry",
  "Date",
  "JSON",
  "Math",
  "Reflect",
  "Proxy",
  "ArrayBuffer",
  "SharedArrayBuffer",
  "DataView",
  "Atomics",
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
  "Intl",
  "Buffer",
  "TextDecoder",
  "TextEncoder",
];

export function hardenRealm() {
  Object.defineProperty(Error, "prepareStackTrace", { value: undefined, writable: false, configurable: false });
  const seen = new Set();
  const lockGrowth = (target) => {
    for (const key of Reflect.ownKeys(target)) {
      if (key === "constructor") continue;
      const d = Object.getOwnPropertyDescriptor(target, key);
      if (d?.configurable) Object.defineProperty(target, key, { ...d, ...("value" in d ? { writable: false } : {}), configurable: false });
    }
    Object.preventExtensions(target);
  };
  const freeze = (v) => {
    if ((typeof v !== "object" && typeof v !== "function") || v === null || seen.has(v)) return;
    seen.add(v);
    if (v === Object.prototype || v === Function.prototype) lockGrowth(v);
    else if (v !== Error) Object.freeze(v); // Pyodide sets Error.stackTraceLimit
    if (typeof v === "function" && v.prototype) freeze(v.prototype);
    freeze(Object.getPrototypeOf(v));
  };
  for (const name of INTRINSICS) freeze(globalThis[name]);
  for (const f of [function* () {}, async function () {}, async function* () {}]) {
    freeze(f);
    freeze(f.prototype);
  }
  for (const it of [[][Symbol.iterator](), new Map().entries(), new Set().values(), ""[Symbol.iterator](), /a/g[Symbol.matchAll]("a")]) freeze(it);
}

/**
 * Loads Pyodide with the harness (python-harness.py + pyodide-harness.py) in a private namespace,
 * starts the row watchdog, locks the file system and strips the APIs programs must not reach.
 */
export async function loadRuntime(pyodideDir) {
  const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);
  const pyodide = await loadPyodide({ indexURL: `${pyodideDir}/`, jsglobals: {}, stdout: () => {}, stderr: () => {} });
  const ctl = new Int32Array(new SharedArrayBuffer(16));
  // A budget before the first run keeps the watchdog waiting instead of spinning on a zero timeout.
  ctl[3] = 1000;
  pyodide.setInterruptBuffer(ctl.subarray(0, 1));
  new Worker(WATCHDOG, { eval: true, workerData: ctl.buffer }).unref();
  const ns = pyodide.globals.get("dict")();
  const harness = ["./python-harness.py", "./pyodide-harness.py"].map((f) => readFileSync(new URL(f, import.meta.url), "utf8")).join("\n");
  pyodide.runPython(harness, { globals: ns });
  pyodide.runPython("_lockdown()", { globals: ns });
  readOnlyFs(pyodide);
  stripApis(pyodide);
  const tick = (i) => {
    Atomics.store(ctl, 2, i >= 0 ? 1 : 0);
    Atomics.add(ctl, 1, 1);
    Atomics.notify(ctl, 1);
  };
  return {
    ctl,
    tick,
    takeCapHit,
    begin: ns.get("_alchemist_begin"),
    program: ns.get("_alchemist_program"),
    check: ns.get("_alchemist_check_clean"),
  };
}
