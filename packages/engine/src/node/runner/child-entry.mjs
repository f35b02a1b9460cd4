// Entry of a supervised program-runner child process (plain ESM so it runs the same under tsx,
// vitest and the CLI). Started by runner-child.ts with the permission model and an empty env.
// Requests arrive over IPC; one at a time.
import { runJavascript, checkJavascript } from "./child-javascript.mjs";
import { runPython, checkPython } from "./child-python.mjs";

const pyodideDir = process.argv[2];

async function handle(request) {
  const { program } = request;
  if (request.type === "check") {
    return program.language === "python" ? checkPython(pyodideDir, program) : checkJavascript(program);
  }
  if (request.type === "run") {
    return program.language === "python"
      ? runPython(pyodideDir, program, request.inputsJson, request.rowTimeoutMs)
      : runJavascript(program, request.inputsJson, request.rowTimeoutMs);
  }
  throw new Error(`unknown request type ${String(request.type)}`);
}

process.on("message", (request) => {
  handle(request).then(
    (result) => process.send({ id: request.id, ok: true, result }),
    (error) => {
      // The interpreter itself is broken (e.g. Pyodide exited): report and die so the parent restarts us.
      process.stderr.write(`runner child failed: ${error?.stack ?? String(error)}\n`, () => process.exit(70));
    },
  );
});
process.on("disconnect", () => process.exit(0));
process.send({ ready: true });
