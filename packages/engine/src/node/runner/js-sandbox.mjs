// A JavaScript sandbox process (plain ESM: it runs the same under tsx, vitest and built code).
// Started by sandbox-pools.ts with Node's permission model (reads only this folder, no writes, no
// child processes, no addons), frozen intrinsics (nothing a program reaches in this realm can be
// changed), no code generation from strings, an empty env, a heap cap and, where available, an
// empty network namespace. Frames (sandbox-frames.ts) are read from fd 0 and written to fd 1
// synchronously: there is no event loop work between requests, and an answer is on the wire before
// the next program starts, so a death is always charged to the right program.
// Each program gets its own vm context (a fresh realm), made at its first chunk and kept for its
// later chunks of the apply. The host code here never touches a program value: it reads the vote
// codes and counters the in-context harness (js-harness.mjs) wrote into typed arrays the host
// viewed before the program ran, and the harness's primitive strings.
import { writeSync } from "node:fs";
import vm from "node:vm";
import { types } from "node:util";
import { lockdown } from "./child-lockdown.mjs";
import { harnessSource } from "./js-harness.mjs";
import { readFrame, writeFrame } from "./sandbox-stdio.mjs";

const TIMEOUT = -3,
  EXCEPTION = -2,
  DISABLED = -7;
const FILE = "program.js";
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const TypedArrayPrototype = Object.getPrototypeOf(Int8Array.prototype);
const bufferOf = Object.getOwnPropertyDescriptor(TypedArrayPrototype, "buffer").get;
const getDescriptor = Object.getOwnPropertyDescriptor;
// A refused dynamic import rejects with a primitive: an error object made here would hand the
// program this realm's prototypes.
const importModuleDynamically = () => {
  throw "import() is not available to labeling programs";
};

const leftovers = lockdown();
if (leftovers.globals.length || leftovers.process.length) {
  writeSync(2, `runner child lock-down incomplete: ${JSON.stringify(leftovers)}\n`);
  process.exit(71);
}

const script = (source, filename = "harness.js") => new vm.Script(source, { filename, importModuleDynamically });
const STEP = "__alchemist.step()";

/** Whether `error` is the vm timeout, read without running any getter or trap a program could own. */
function isTimeout(error) {
  if (!types.isNativeError(error)) return false;
  const code = getDescriptor(error, "code");
  return code !== undefined && "value" in code && code.value === "ERR_SCRIPT_EXECUTION_TIMEOUT";
}

/** The line of program.js in a syntax error's stack, read the same careful way. */
function describeHostSide(error) {
  if (!types.isNativeError(error)) return "threw something that is not an error object";
  const message = getDescriptor(error, "message");
  return message && "value" in message && typeof message.value === "string" ? message.value.slice(0, 300) : "failed";
}

class ProgramContext {
  constructor(program, classes, capacity, width, rowMs, timed, multi) {
    this.context = vm.createContext(Object.create(null), { codeGeneration: { strings: false, wasm: false }, microtaskMode: "afterEvaluate" });
    script(harnessSource(classes, capacity, width, multi)).runInContext(this.context, { timeout: 5000 });
    // Everything the host needs from the harness is taken now, before any program code runs.
    const harness = script("__alchemist").runInContext(this.context);
    const codes = harness.codes;
    const meta = harness.meta;
    if (!(width === 2 ? types.isInt16Array(codes) : types.isInt8Array(codes)) || !types.isInt32Array(meta)) throw new Error("harness did not start");
    this.codes = width === 2 ? new Int16Array(bufferOf.call(codes)) : new Int8Array(bufferOf.call(codes));
    this.meta = new Int32Array(bufferOf.call(meta));
    this.load = harness.load;
    this.first = harness.first;
    this.keep = harness.keep;
    this.step = script(STEP);
    this.rows = script("__alchemist.rows()");
    this.width = width;
    this.setup = undefined;
    if (!IDENTIFIER.test(program.fn)) throw new Error(`invalid function name ${program.fn}`);
    try {
      new vm.Script(program.src, { filename: FILE, importModuleDynamically }).runInContext(this.context, { timeout: rowMs });
      script(`__alchemist.bind(typeof ${program.fn} === "undefined" ? undefined : ${program.fn})`).runInContext(this.context, { timeout: rowMs });
      if (this.meta[7] !== 1) this.setup = { code: EXCEPTION, message: `no function named ${program.fn} is defined` };
    } catch (error) {
      this.setup = isTimeout(error)
        ? { code: TIMEOUT, message: "the top-level code ran past the time limit" }
        : { code: EXCEPTION, message: this.safeMessage(error) };
    }
    void timed;
  }

  /** A top-level error's text, computed inside the context under a timeout (its getters are the program's). */
  safeMessage(error) {
    this.keep(error);
    try {
      const text = script("__alchemist.kept()").runInContext(this.context, { timeout: 1000 });
      return typeof text === "string" ? text.slice(0, 600) : "the program's top level threw";
    } catch {
      return "the program's top level threw";
    }
  }
}

/** Runs program p on the chunk already parsed into its context; returns the answer frame's header. */
function runChunk(pc, p, json, n, rowMs, maxRun, timed) {
  const started = Date.now();
  const deadline = started + Math.max(0, p.ms);
  const codes = pc.codes;
  const meta = pc.meta;
  let first = null;
  const note = (row, message) => {
    if (first === null || row < first[0]) first = [row, message];
  };
  if (pc.setup) {
    codes.fill(pc.setup.code, 0, n);
    return { i: p.i, ms: Date.now() - started, first: [0, pc.setup.message], trip: null, setup: true };
  }
  if (pc.load(json, timed) !== n) throw new Error("chunk row count mismatch");

  const sliceMs = Math.max(1, Math.floor(rowMs / 4));
  meta[1] = p.lead | 0;
  meta[5] = sliceMs;
  meta[6] = maxRun;
  let pos = 0;
  let trip = null;
  const hostMessages = new Map();
  while (pos < n) {
    if (Date.now() > deadline) {
      codes.fill(DISABLED, pos, n);
      trip = "budget";
      break;
    }
    meta[4] = pos;
    try {
      pc.step.runInContext(pc.context, { timeout: sliceMs + rowMs });
      const reached = meta[0];
      pos = reached > pos ? Math.min(reached, n) : n;
      if (meta[3] === 1) trip = "run";
    } catch (error) {
      // The row at meta[0] ran past its budget, or broke out of the harness (e.g. a stack overflow
      // while the harness handled its error). Work a program queued after returning fails the row it ran on.
      const row = Math.min(Math.max(meta[0], pos), n - 1);
      const timedOut = isTimeout(error);
      codes[row] = timedOut ? TIMEOUT : EXCEPTION;
      const message = timedOut ? `ran past ${rowMs} ms` : `escaped the harness: ${describeHostSide(error)}`;
      note(row, message);
      hostMessages.set(row, message);
      meta[1] = timedOut ? meta[1] + 1 : 0;
      pos = row + 1;
      if (maxRun > 0 && meta[1] >= maxRun) {
        codes.fill(DISABLED, pos, n);
        trip = "run";
        pos = n;
      }
    }
  }
  if (meta[2] >= 0) {
    const message = pc.first();
    note(meta[2], typeof message === "string" ? message.slice(0, 600) : "failed");
  }
  const header = { i: p.i, ms: Date.now() - started, first, trip, setup: false };
  if (timed) {
    let rows = null;
    try {
      const text = pc.rows.runInContext(pc.context, { timeout: 5000 });
      rows = typeof text === "string" ? JSON.parse(text) : null;
    } catch {
      rows = null;
    }
    if (!Array.isArray(rows)) rows = [];
    header.rows = Array.from({ length: n }, (_, r) => {
      const row = rows[r];
      const host = hostMessages.get(r);
      if (host !== undefined) return [null, rowMs, host];
      return Array.isArray(row) && row.length === 3 ? [row[0], Number(row[1]) || 0, typeof row[2] === "string" ? row[2] : null] : [null, 0, null];
    });
  }
  return header;
}

function check(program) {
  try {
    new vm.Script(program.src, { filename: FILE, importModuleDynamically });
  } catch (error) {
    // V8 prints "program.js:LINE", the source line, then a caret under the column.
    const [head = "", , caret = ""] = String(error?.stack).split("\n");
    const line = Number(/program\.js:(\d+)/.exec(head)?.[1]) || undefined;
    const column = caret.includes("^") ? caret.indexOf("^") + 1 : undefined;
    return { ok: false, errors: [{ message: `${error.name}: ${error.message}`, line, column }] };
  }
  const pc = new ProgramContext(program, ["a", "b"], 1, 1, 1000, false);
  if (pc.setup)
    return {
      ok: false,
      errors: [
        { message: pc.setup.code === TIMEOUT ? "top-level code ran past 1000 ms" : pc.setup.message.replace(/is defined$/, "is defined at the top level") },
      ],
    };
  const arity = pc.meta[0];
  if (arity !== 1)
    return { ok: false, errors: [{ message: `${program.fn} must take exactly one parameter, it takes ${arity < 0 ? "an unknown number" : arity}` }] };
  return { ok: true, errors: [] };
}

// The programs of the current apply: index -> context.
let apply = { id: undefined, contexts: new Map() };

writeFrame({ ready: true });
for (;;) {
  const { header: req, body } = readFrame();
  if (req.t === "check") {
    writeFrame(check(req));
    continue;
  }
  if (req.t === "end") {
    apply = { id: undefined, contexts: new Map() };
    writeFrame({ done: true });
    continue;
  }
  const timed = req.t === "try";
  if (timed || req.apply !== apply.id) apply = { id: timed ? undefined : req.apply, contexts: new Map() };
  const multi = req.multi === true;
  const width = (multi ? 2 ** req.classes.length : req.classes.length) > 120 ? 2 : 1;
  const capacity = Math.max(req.rows, req.capacity ?? 0);
  // Parsed once for all programs when every row is a string; otherwise each program parses its own.
  let shared;
  const rows = () => {
    if (shared === undefined) {
      const parsed = JSON.parse(body);
      shared = Array.isArray(parsed) && parsed.every((row) => typeof row === "string") ? parsed : null;
    }
    return shared ?? body;
  };
  for (const p of req.programs) {
    let pc = apply.contexts.get(p.i);
    if (!pc || pc.codes.length < req.rows) {
      pc = new ProgramContext(p, req.classes, capacity, width, req.budget, timed, multi);
      apply.contexts.set(p.i, pc);
    }
    const header = runChunk(pc, p, rows(), req.rows, req.budget, req.maxRun ?? 3, timed);
    writeFrame(header, pc.codes.subarray(0, req.rows));
  }
  if (timed) apply = { id: undefined, contexts: new Map() };
  writeFrame({ done: true });
}
