// The harness that runs INSIDE each JavaScript program's vm context, before the program's own code.
// It captures every builtin it needs first, so a program that later patches prototypes or globals
// can only disturb its own results. Results leave through typed arrays (vote codes, counters) that
// the host viewed before the program ran; the host never reads a program value, only those bytes
// and strings this harness copied. Codes match vote-codes.ts.

/** Source of the harness for a context holding at most `capacity` rows of a task with these classes. */
export function harnessSource(classNames, capacity, width, multi = false) {
  return `"use strict";
(() => {
  const parse = JSON.parse, stringify = JSON.stringify, now = Date.now, isInteger = Number.isInteger, isFinite = Number.isFinite;
  const apply = Reflect.apply, lower = String.prototype.toLowerCase, sliceOf = String.prototype.slice, indexOf = String.prototype.indexOf;
  const isArray = Array.isArray, freeze = Object.freeze, define = Object.defineProperty, StringOf = String, create = Object.create;
  const EXCEPTION = -2, TIMEOUT = -3, INVALID = -4, MEMORY = -5, CRASH = -6, DISABLED = -7;
  const CLASSES = parse(${JSON.stringify(JSON.stringify(classNames))});
  const K = CLASSES.length;
  const EXACT = create(null), LOOSE = create(null);
  for (let i = 0; i < K; i++) {
    EXACT[CLASSES[i]] = i;
    const l = apply(lower, CLASSES[i], []);
    if (LOOSE[l] === undefined) LOOSE[l] = i;
  }
  let names = "";
  for (let i = 0; i < K; i++) names += (i ? ", " : "") + '"' + CLASSES[i] + '"';
  const MULTI = ${multi ? "true" : "false"};
  const EXPECTED = MULTI
    ? "expected a list of classes (indices 0..${classNames.length - 1} or names " + names + "), one class, or -1 (abstain)"
    : "expected a class index 0..${classNames.length - 1}, -1 (abstain) or one of " + names;
  // Vote codes and the counters the host reads: 0 position, 1 costly-fault run, 2 first fault row,
  // 3 stopped, 4 start (host-set), 5 slice ms (host-set), 6 max run (host-set), 7 function ok.
  const codes = new ${width === 2 ? "Int16Array" : "Int8Array"}(${capacity});
  const meta = new Int32Array(8);
  let fn, inputs = [], n = 0, firstMessage = "", lastMessage = "", timedRows = null, kept;
  const memoryText = ["Invalid array length", "Invalid string length", "Invalid typed array length", "Array buffer allocation failed", "allocation failed", "out of memory", "maximum size exceeded"];
  const message = (e) => {
    if (e === null || (typeof e !== "object" && typeof e !== "function")) return "Uncaught " + StringOf(e);
    let text = "", line = "";
    try {
      const stack = StringOf(e.stack);
      const at = apply(indexOf, stack, ["program.js:"]);
      if (at >= 0) {
        let j = at + 11;
        while (j < stack.length && stack[j] >= "0" && stack[j] <= "9") line += stack[j++];
      }
      text = StringOf(e.name) + ": " + apply(sliceOf, StringOf(e.message), [0, 300]);
    } catch (inner) { text = "unprintable exception"; }
    return text + (line ? " (line " + line + ")" : "");
  };
  const isMemory = (e) => {
    try {
      if (e === null || typeof e !== "object" || e.name !== "RangeError") return false;
      const text = StringOf(e.message);
      for (let i = 0; i < memoryText.length; i++) if (apply(indexOf, text, [memoryText[i]]) >= 0) return true;
    } catch (inner) { /* a hostile error is an exception */ }
    return false;
  };
  const vote = (v) => {
    if (typeof v === "number") {
      if (isInteger(v) && v >= -1 && v < K) return v;
      lastMessage = (isFinite(v) ? "returned number " + StringOf(v) + ", " + EXPECTED : "returned number " + StringOf(v));
      return INVALID;
    }
    if (typeof v === "string") {
      if (v.length > 1000) { lastMessage = "returned a string of " + v.length + " characters"; return INVALID; }
      let i = EXACT[v];
      if (i === undefined) i = LOOSE[apply(lower, v, [])];
      if (i !== undefined) return i;
      lastMessage = 'returned "' + (v.length > 40 ? apply(sliceOf, v, [0, 40]) + "..." : v) + '", ' + EXPECTED;
      return INVALID;
    }
    if (v === null) { lastMessage = "returned None/null, " + EXPECTED; return INVALID; }
    if (typeof v === "boolean") { lastMessage = "returned boolean " + (v ? "true" : "false") + ", " + EXPECTED; return INVALID; }
    lastMessage = "returned " + (v === undefined ? "undefined" : isArray(v) ? "an array" : "a value of type " + typeof v);
    return INVALID;
  };
  // Multi-label: an array of classes (or one class) becomes the bitmask of their indices
  // (vote-codes.ts); -1 abstains. Only indices and names count, so no program getter decides a bit.
  const classOf = (x) => {
    if (typeof x === "number") return isInteger(x) && x >= 0 && x < K ? x : -1;
    if (typeof x !== "string" || x.length > 1000) return -1;
    let i = EXACT[x];
    if (i === undefined) i = LOOSE[apply(lower, x, [])];
    return i === undefined ? -1 : i;
  };
  const voteSet = (v) => {
    if (v === -1) return -1;
    if (typeof v === "number" || typeof v === "string") {
      const i = classOf(v);
      if (i >= 0) return 1 << i;
      lastMessage = "returned " + (typeof v === "string" ? '"' + (v.length > 40 ? apply(sliceOf, v, [0, 40]) + "..." : v) + '"' : "number " + StringOf(v)) + ", " + EXPECTED;
      return INVALID;
    }
    if (!isArray(v)) {
      lastMessage = "returned " + (v === null ? "None/null" : v === undefined ? "undefined" : typeof v === "boolean" ? "boolean " + StringOf(v) : "a value of type " + typeof v) + ", " + EXPECTED;
      return INVALID;
    }
    const items = v.length;
    if (!(items <= 1000)) { lastMessage = "returned an array of " + StringOf(items) + " items, " + EXPECTED; return INVALID; }
    let mask = 0;
    for (let j = 0; j < items; j++) {
      const x = v[j];
      const i = classOf(x);
      if (i < 0) {
        lastMessage = "returned an array whose item " + j + " (" + (typeof x === "string" ? '"' + apply(sliceOf, x, [0, 40]) + '"' : typeof x === "number" ? StringOf(x) : typeof x) + ") is not a class, " + EXPECTED;
        return INVALID;
      }
      mask |= 1 << i;
    }
    return mask;
  };
  const show = (v) => {
    try {
      if (typeof v === "string") return v.length <= 200 ? v : apply(sliceOf, v, [0, 200]) + "...";
      if (typeof v === "number" || typeof v === "boolean" || v === null) return v;
      const text = v === undefined ? "undefined" : typeof v === "function" ? "[function]" : StringOf(stringify(v) ?? StringOf(v));
      return text.length <= 200 ? text : apply(sliceOf, text, [0, 200]) + "...";
    } catch (e) { return "<unprintable " + typeof v + ">"; }
  };
  const h = freeze({
    codes, meta,
    bind(f) { fn = f; meta[7] = typeof f === "function" ? 1 : 0; const a = typeof f === "function" ? f.length : -1; meta[0] = typeof a === "number" && isInteger(a) ? a : -2; },
    // Rows arrive as JSON text (parsed here: records stay this program's own objects) or, when every
    // row is a string, as the sandbox's one parsed array: strings are immutable, and the array itself
    // never leaves this closure (programs only ever receive its elements).
    load(rows, timed) { inputs = typeof rows === "string" ? parse(rows) : rows; n = inputs.length; meta[0] = 0; meta[1] = 0; meta[2] = -1; meta[3] = 0; firstMessage = ""; timedRows = timed ? [] : null; return n; },
    step() {
      const start = meta[4], sliceMs = meta[5], maxRun = meta[6];
      const t0 = now();
      let i = start;
      for (; i < n; i++) {
        meta[0] = i;
        if (i > start && now() - t0 > sliceMs) break;
        let c, r0 = 0, shown = null;
        lastMessage = "";
        if (timedRows !== null) r0 = now();
        try {
          const v = fn(inputs[i]);
          c = MULTI ? voteSet(v) : vote(v);
          if (timedRows !== null) shown = show(v);
        } catch (e) {
          c = isMemory(e) ? MEMORY : EXCEPTION;
          lastMessage = message(e);
        }
        codes[i] = c;
        if (timedRows !== null) timedRows[i] = [shown, now() - r0, c < -1 ? lastMessage : null];
        if (c < -1 && meta[2] < 0) { meta[2] = i; firstMessage = lastMessage; }
        meta[1] = c === TIMEOUT || c === MEMORY || c === CRASH ? meta[1] + 1 : 0;
        if (maxRun > 0 && meta[1] >= maxRun) {
          for (let j = i + 1; j < n; j++) codes[j] = DISABLED;
          meta[3] = 1;
          i = n;
          break;
        }
      }
      meta[0] = i;
    },
    first() { return firstMessage; },
    keep(e) { kept = e; },
    kept() { const text = message(kept); kept = undefined; return text; },
    rows() { return stringify(timedRows); },
  });
  define(globalThis, "__alchemist", { value: h, writable: false, configurable: false, enumerable: false });
  globalThis.console = freeze({ log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {}, dir() {}, table() {} });
})();`;
}
