import { EngineError } from "../../errors/engine-error";
import { cpythonIsolation, type CpythonIsolation } from "./cpython-isolation";

/** Where Python programs run: see LocalRunnerOptions.pythonRuntime. */
export type PythonRuntime = "auto" | "cpython" | "pyodide";

let warnedFallback = false;

/**
 * Resolves the Python runtime option (see LocalRunnerOptions.pythonRuntime) to the CPython
 * isolation to use, or undefined for Pyodide.
 *
 * @example
 * const iso = resolvePythonRuntime("auto"); // CpythonIsolation on a Linux host with namespaces
 */
export function resolvePythonRuntime(requested: string | undefined): CpythonIsolation | undefined {
  const runtime = requested ?? (process.env.ALCHEMIST_PYTHON_RUNTIME || "auto");
  if (runtime !== "auto" && runtime !== "cpython" && runtime !== "pyodide") {
    throw new EngineError("INVALID_ARGUMENT", `python runtime must be "auto", "cpython" or "pyodide", got "${runtime}"`);
  }
  if (runtime === "pyodide") return undefined;
  const iso = cpythonIsolation();
  if (iso.ok) return iso;
  if (runtime === "cpython") throw new EngineError("INVALID_ARGUMENT", `the CPython sandbox is not available here: ${iso.reason}`);
  if (!warnedFallback) {
    warnedFallback = true;
    process.emitWarning(
      `program sandbox: Python runs in Pyodide (slower) because the CPython sandbox is not available: ${iso.reason}`,
      "AlchemistSandboxWarning",
    );
  }
  return undefined;
}
