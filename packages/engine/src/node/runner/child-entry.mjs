// Entry of a supervised program-runner child process (plain ESM so it runs the same under tsx,
// vitest and the CLI). Started by runner-child.ts with the permission model, no code generation
// from strings, an empty env and, where available, an empty network namespace. Everything the
// child needs is imported here; then the WASM memory cap and the lock-down are applied, before
// any program is seen. Requests arrive over IPC, one at a time.
import { runJavascript, checkJavascript } from "./child-javascript.mjs";
import { capWasmMemory, runPython, checkPython } from "./child-python.mjs";
import { lockdown } from "./child-lockdown.mjs";
import { inspect } from "node:util";

const pyodideDir = process.argv[2];
capWasmMemory(Number(process.argv[3]) || 512);
const leftovers = lockdown();
if (leftovers.globals.length || leftovers.process.length) {
  process.stderr.write(`runner child lock-down incomplete: ${JSON.stringify(leftovers)}\n`, () => process.exit(71));
}

// Chunks of the current apply that the parent asked us to keep (see ChildPool.withoutKeptInputs);
// a kept chunk is not sent again. A new apply id empties the store.
let kept = { apply: undefined, chunks: new Map() };

async function handle(request) {
  const { program } = request;
  if (request.type === "check") {
    return program.language === "python" ? checkPython(pyodideDir, program) : checkJavascript(program);
  }
  if (request.type === "run" || request.type === "try") {
    const timed = request.type === "try";
    const key = request.inputsKey;
    if (typeof key === "string") {
      const apply = key.slice(0, key.lastIndexOf(":"));
      if (kept.apply !== apply) kept = { apply, chunks: new Map() };
      if (request.inputsJson === undefined) request.inputsJson = kept.chunks.get(key);
      else if (request.keep === true) kept.chunks.set(key, request.inputsJson);
    }
    if (typeof request.inputsJson !== "string") throw new Error(`inputs ${String(key)} were neither sent nor kept`);
    return program.language === "python"
      ? runPython(pyodideDir, program, request.inputsJson, request.rowTimeoutMs, timed, request.keep === true || request.inputsJson === kept.chunks.get(key) ? key : undefined)
      : runJavascript(program, request.inputsJson, request.rowTimeoutMs, timed);
  }
  throw new Error(`unknown request type ${String(request.type)}`);
}

process.on("message", (request) => {
  handle(request).then(
    (result) => process.send({ id: request.id, ok: true, result }),
    (error) => {
      // The interpreter itself is broken (e.g. Pyodide exited): report and die so the parent restarts us.
      process.stderr.write(`runner child failed: ${error?.stack ?? inspect(error, { depth: 2 }).slice(0, 2000)}\n`, () => process.exit(70));
    },
  );
});
process.on("disconnect", () => process.exit(0));
// A program's promise that rejects after its task (e.g. a refused dynamic import) must not take
// the child down during the next program's task; the program already got invalid-output.
process.on("unhandledRejection", () => {});
process.send({ ready: true });
