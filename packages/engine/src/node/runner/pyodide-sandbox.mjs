// A Pyodide sandbox process: Python programs when the CPython sandbox is not available. Started by
// sandbox-pool.ts with Node's permission model (reads only this folder and Pyodide), no code
// generation from strings, an empty env, a heap cap, a WebAssembly memory cap and, where available,
// an empty network namespace. After Pyodide loads: the realm is locked down (child-lockdown.mjs),
// its intrinsics frozen (child-python.mjs hardenRealm), the file system read-only, bridge APIs gone.
// One interpreter serves every program; pyodide-harness.py keeps them apart (audit hook, state
// restore between programs). Frames (sandbox-frames.ts) on fds 0/1, synchronously.
import { writeSync } from "node:fs";
import { capWasmMemory, hardenRealm, loadRuntime } from "./child-python.mjs";
import { lockdown } from "./child-lockdown.mjs";
import { readFrame, writeFrame } from "./sandbox-stdio.mjs";

const pyodideDir = process.argv[2];
capWasmMemory(Number(process.argv[3]) || 512);
// Pyodide needs process.binding("constants"), which the lock-down leaves as the only binding.
const leftovers = lockdown();
const rt = await loadRuntime(pyodideDir);
hardenRealm();
if (leftovers.globals.length || leftovers.process.length) {
  writeSync(2, `runner child lock-down incomplete: ${JSON.stringify(leftovers)}\n`);
  process.exit(71);
}

/** One program's answer from the tuple the harness returned; only primitives are read. */
function answer(p, result, rows, timed) {
  const take = (i) => result.get(i);
  const [ms, firstRow, firstMessage, trip, setup] = [take(0), take(1), take(2), take(3), take(4)];
  const bytes = take(5);
  const codes = bytes && typeof bytes.toJs === "function" ? bytes.toJs() : new Uint8Array(0);
  bytes?.destroy?.();
  const timedRows = timed ? take(6) : "";
  result.destroy();
  const header = {
    i: p.i,
    ms: typeof ms === "number" ? ms : 0,
    first: typeof firstRow === "number" && firstRow >= 0 && typeof firstMessage === "string" ? [firstRow, firstMessage.slice(0, 600)] : null,
    trip: trip === "run" || trip === "budget" ? trip : null,
    setup: setup === true,
  };
  if (timed) {
    let parsed = null;
    try {
      parsed = typeof timedRows === "string" ? JSON.parse(timedRows) : null;
    } catch {
      parsed = null;
    }
    header.rows = Array.from({ length: rows }, (_, r) => {
      const row = Array.isArray(parsed) ? parsed[r] : undefined;
      return Array.isArray(row) ? [row[0] ?? null, Number(row[1]) || 0, typeof row[2] === "string" ? row[2] : null] : [null, 0, null];
    });
  }
  return { header, codes };
}

let applyKey;
writeFrame({ ready: true });
for (;;) {
  const { header: req, body } = readFrame();
  if (req.t === "check") {
    writeFrame(JSON.parse(rt.check(req.src, req.fn)));
    continue;
  }
  if (req.t === "end") {
    applyKey = undefined;
    writeFrame({ done: true });
    continue;
  }
  const timed = req.t === "try";
  const key = timed ? `try-${Math.random()}` : req.apply;
  if (key !== applyKey) {
    rt.begin(key, JSON.stringify(req.classes), req.multi === true);
    applyKey = timed ? undefined : key;
  }
  const width = (req.multi === true ? 2 ** req.classes.length : req.classes.length) > 120 ? 2 : 1;
  const sliceMs = Math.max(1, Math.floor(req.budget / 4));
  Atomics.store(rt.ctl, 3, req.budget + sliceMs);
  for (const p of req.programs) {
    Atomics.store(rt.ctl, 0, 0);
    rt.takeCapHit();
    let result;
    try {
      result = rt.program(p.i, p.src, p.fn, body, p.lead | 0, req.maxRun ?? 3, Math.max(0, p.ms), rt.tick, sliceMs / 1000, rt.takeCapHit, width, timed);
    } catch (error) {
      // The interpreter itself is gone (os._exit reached through the real builtins, a fatal error):
      // say why on stderr and die, so the runner charges this program and restarts the sandbox.
      const status = /Program terminated with exit\((-?\d+)\)/.exec(String(error?.message))?.[1];
      writeSync(
        2,
        status !== undefined
          ? `\nALCHEMIST_PROGRAM_EXIT ${status}\n`
          : `\nALCHEMIST_INTERPRETER_FAILED ${String(error?.message ?? error)
              .split("\n")[0]
              .slice(0, 200)}\n`,
      );
      process.exit(70);
    }
    const { header, codes } = answer(p, result, req.rows, timed);
    writeFrame(header, codes);
  }
  writeFrame({ done: true });
}
