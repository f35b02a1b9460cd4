// JavaScript programs in a node:vm context of their own (fresh for each program, kept for its
// next chunk). Inputs and outputs cross the context boundary only as JSON strings: a host object
// inside the context would hand programs the host's Function constructor.
import vm from "node:vm";

const FILE = "program.js";
// Programs may log while debugging; the context's console discards it.
const HARNESS = new vm.Script(`globalThis.console = Object.freeze({ log() {}, info() {}, warn() {}, error() {}, debug() {} });
const __alchemist = (() => {
  const parse = JSON.parse, stringify = JSON.stringify, now = Date.now, isInt = Number.isFinite;
  let fn, inputs = [], out = [], pos = 0, timed = false;
  const message = (e) => {
    if (e === null || typeof e !== "object") return "Uncaught " + String(e);
    let line = null, text = "";
    try {
      line = /program\\.js:(\\d+)/.exec(String(e.stack));
      text = String(e.name) + ": " + String(e.message).slice(0, 300);
    } catch (inner) { text = "unprintable exception"; }
    return text + (line ? " (line " + line[1] + ")" : "");
  };
  const MEMORY = /Invalid (string|array|typed array) length|allocation failed|maximum size exceeded|out of memory/i;
  const fault = (e) => ({ f: e !== null && typeof e === "object" && e.name === "RangeError" && MEMORY.test(String(e.message)) ? "memory" : "exception", m: message(e) });
  const show = (v) => {
    try {
      if (typeof v === "string") return v.length <= 200 ? v : v.slice(0, 200) + "...";
      if (typeof v === "number" || typeof v === "boolean" || v === null) return v;
      const text = v === undefined ? "undefined" : typeof v === "function" ? "[function]" : stringify(v) ?? String(v);
      return text.length <= 200 ? text : text.slice(0, 200) + "...";
    } catch (e) { return "<unprintable " + typeof v + ">"; }
  };
  const encode = (v) => {
    if (typeof v === "string") return v.length <= 1000 ? v : { f: "invalid-output", m: "returned a string of " + v.length + " characters" };
    if (typeof v === "boolean" || v === null) return v;
    if (typeof v === "number") return isInt(v) ? v : { f: "invalid-output", m: "returned number " + String(v) };
    return { f: "invalid-output", m: "returned " + (v === undefined ? "undefined" : Array.isArray(v) ? "an array" : "a value of type " + typeof v) };
  };
  // Frozen before the program's top level runs, so a program cannot swap the harness out.
  return Object.freeze({
    bind(f, json, t) { fn = f; timed = t === true; inputs = parse(json); out = new Array(inputs.length); return typeof f === "function" ? f.length : -1; },
    step(start, sliceMs) {
      const t0 = now();
      let i = start;
      for (; i < inputs.length; i++) {
        pos = i;
        if (i > start && now() - t0 > sliceMs) break;
        if (timed) {
          const r0 = now();
          try { const v = fn(inputs[i]); out[i] = [encode(v), show(v), now() - r0]; } catch (e) { out[i] = [fault(e), null, now() - r0]; }
        } else {
          try { out[i] = encode(fn(inputs[i])); } catch (e) { out[i] = fault(e); }
        }
      }
      pos = i;
      return i;
    },
    mark(i, kind, m) { out[i] = timed ? [{ f: kind, m: m }, null, 0] : { f: kind, m: m }; },
    get pos() { return pos; },
    get length() { return inputs.length; },
    result() { return stringify(out); },
    message,
  });
})();`, { filename: "harness.js" });

const isTimeout = (error) => error?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT";
const lineOf = (error) => Number(/program\.js:(\d+)(?::(\d+))?/.exec(String(error?.stack))?.[1]) || undefined;

function freshContext(source, rowTimeoutMs) {
  const context = vm.createContext(Object.create(null), {
    codeGeneration: { strings: false, wasm: false },
    microtaskMode: "afterEvaluate",
  });
  HARNESS.runInContext(context);
  new vm.Script(source, { filename: FILE }).runInContext(context, { timeout: rowTimeoutMs });
  return context;
}

function bindFunction(context, functionName, inputsJson, timed = false) {
  context.__alchemistJson = inputsJson;
  return new vm.Script(`__alchemist.bind(typeof ${functionName} === "undefined" ? undefined : ${functionName}, __alchemistJson, ${timed})`)
    .runInContext(context, { timeout: 1000 });
}

// The context of the last program run: its next chunk reuses it (warm JIT, no new realm); a
// different program always gets a fresh context, so it never sees another program's leftovers.
let last = { id: undefined, context: undefined };

export function runJavascript(program, inputsJson, rowTimeoutMs, timed = false) {
  const all = (f, m) => JSON.stringify(Array.from({ length: JSON.parse(inputsJson).length }, () => (timed ? [{ f, m }, null, 0] : { f, m })));
  const id = `${program.name}\0${program.functionName}\0${program.source}`;
  let context = last.id === id ? last.context : undefined;
  last = { id: undefined, context: undefined };
  try {
    context ??= freshContext(program.source, rowTimeoutMs);
  } catch (error) {
    if (isTimeout(error)) return all("timeout", "top-level code ran past the time limit");
    const line = lineOf(error);
    return all("exception", `${error?.name ?? "Error"}: ${error?.message ?? String(error)}${line ? ` (line ${line})` : ""}`);
  }
  if (bindFunction(context, program.functionName, inputsJson, timed) < 0) {
    return all("exception", `no function named ${program.functionName} is defined`);
  }
  last = { id, context };
  const n = new vm.Script("__alchemist.length").runInContext(context);
  const sliceMs = Math.max(1, Math.floor(rowTimeoutMs / 4));
  const step = new vm.Script(`__alchemist.step(__alchemistStart, ${sliceMs})`);
  let next = 0;
  while (next < n) {
    context.__alchemistStart = next;
    try {
      const reached = step.runInContext(context, { timeout: sliceMs + rowTimeoutMs });
      next = typeof reached === "number" && reached > next ? reached : n;
    } catch (error) {
      // A row ran past its budget (or broke out of the harness's own try, e.g. stack overflow in a getter).
      // Work a program scheduled after returning (a microtask) fails the last row it ran on.
      const pos = Math.min(n - 1, new vm.Script("__alchemist.pos").runInContext(context, { timeout: 1000 }));
      const fault = isTimeout(error) ? "timeout" : "exception";
      context.__alchemistMessage = isTimeout(error) ? `ran past ${rowTimeoutMs} ms` : String(error?.message ?? error).slice(0, 300);
      new vm.Script(`__alchemist.mark(${pos}, "${fault}", __alchemistMessage)`).runInContext(context, { timeout: 1000 });
      next = pos + 1;
    }
  }
  return new vm.Script("__alchemist.result()").runInContext(context, { timeout: 5000 });
}

export function checkJavascript(program) {
  try {
    new vm.Script(program.source, { filename: FILE });
  } catch (error) {
    // V8 prints "program.js:LINE", the source line, then a caret under the column.
    const [head = "", , caret = ""] = String(error?.stack).split("\n");
    const line = Number(/program\.js:(\d+)/.exec(head)?.[1]) || undefined;
    const column = caret.includes("^") ? caret.indexOf("^") + 1 : undefined;
    return { ok: false, errors: [{ message: `${error.name}: ${error.message}`, line, column }] };
  }
  try {
    const context = freshContext(program.source, 1000);
    const arity = bindFunction(context, program.functionName, "[]");
    if (arity < 0) return { ok: false, errors: [{ message: `no function named ${program.functionName} is defined at the top level` }] };
    if (arity !== 1) return { ok: false, errors: [{ message: `${program.functionName} must take exactly one parameter, it takes ${arity}` }] };
    return { ok: true, errors: [] };
  } catch (error) {
    const message = isTimeout(error) ? "top-level code ran past 1000 ms" : `${error?.name ?? "Error"}: ${error?.message ?? String(error)}`;
    return { ok: false, errors: [{ message, line: lineOf(error) }] };
  }
}
