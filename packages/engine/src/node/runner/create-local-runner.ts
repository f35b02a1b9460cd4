import { cpus } from "node:os";
import type { ApplyOptions, ApplyResult, Program, ProgramRunner, StaticCheckResult, TryOptions, TryRowResult } from "../../core/program";
import { EngineError } from "../../errors/engine-error";
import { applyPrograms } from "./apply-programs";
import { ChildPool } from "./child-pool";
import { resolvePythonRuntime, type PythonRuntime } from "./resolve-python-runtime";
import { tryProgram } from "./try-program";

export interface LocalRunnerOptions {
  /** Child processes running programs in parallel; default: every core. */
  readonly poolSize?: number;
  /** Budget per program call; a row past it is a `timeout` fault. Default 1000 ms. */
  readonly rowTimeoutMs?: number;
  /** Rows per task sent to a child; default 5000 (fewer tasks: each Python task ends with a ~10-30 ms state restore). Results do not depend on it. */
  readonly chunkSize?: number;
  /** V8 heap cap of each child in MiB; default 1024. A JS program exceeding it is a `memory` fault. */
  readonly memoryMb?: number;
  /** Memory cap of each Python sandbox in MiB (Pyodide: WebAssembly memory; CPython: RLIMIT_AS); default 512. Past it Python raises MemoryError, a `memory` fault. */
  readonly pythonMemoryMb?: number;
  /**
   * Where Python programs run. `cpython`: real CPython in OS-level isolation (cpython-isolation.ts;
   * an error if the OS does not allow it). `pyodide`: Pyodide in locked-down Node children. `auto`
   * (default): CPython when the one-time probe shows every isolation layer works, else Pyodide with
   * a one-time warning naming the reason. Default from env `ALCHEMIST_PYTHON_RUNTIME`, else `auto`.
   */
  readonly pythonRuntime?: PythonRuntime;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new EngineError("INVALID_ARGUMENT", `runner option ${name} must be a positive integer, got ${value}`);
  return value;
}

function checkProgram(program: Program, index: number): void {
  if (program.language !== "python" && program.language !== "javascript") {
    throw new EngineError("INVALID_ARGUMENT", `program ${index} (${program.name}) has unsupported language "${String(program.language)}"`);
  }
  if (typeof program.source !== "string") throw new EngineError("INVALID_ARGUMENT", `program ${index} (${program.name}) has no source text`);
  if (!IDENTIFIER.test(program.functionName)) {
    throw new EngineError("INVALID_ARGUMENT", `program ${index} (${program.name}) has invalid function name "${program.functionName}"`);
  }
}

/**
 * The sandboxed ProgramRunner: programs run in supervised, locked-down child processes (Python
 * in real CPython inside OS-level isolation where available, else Pyodide; JavaScript in node:vm
 * contexts), never in the caller's process. Containment per layer is described in
 * cpython-isolation.ts, cpython-launcher.py, cpython-harness.py (CPython), os-isolation.ts,
 * child-lockdown.mjs, child-python.mjs and python-harness.py (Pyodide). Faults (exception, timeout,
 * invalid-output, memory, crash) become abstains and are counted per program; a dead child is
 * restarted. Children are reused across calls until `close()`.
 *
 * @example
 * const runner = createLocalRunner({ poolSize: 2 });
 * const { L, meta } = await runner.apply(programs, texts, { classNames: ["ham", "spam"] });
 * await runner.close();
 */
export function createLocalRunner(options: LocalRunnerOptions = {}): ProgramRunner {
  const poolSize = positiveInteger("poolSize", options.poolSize, Math.max(1, cpus().length));
  const rowTimeoutMs = positiveInteger("rowTimeoutMs", options.rowTimeoutMs, 1000);
  const chunkSize = positiveInteger("chunkSize", options.chunkSize, 5000);
  const memoryMb = positiveInteger("memoryMb", options.memoryMb, 1024);
  const pythonMemoryMb = positiveInteger("pythonMemoryMb", options.pythonMemoryMb, 512);
  if (pythonMemoryMb < 128) throw new EngineError("INVALID_ARGUMENT", `runner option pythonMemoryMb must be at least 128 (Pyodide needs it to start), got ${pythonMemoryMb}`);
  const pool = new ChildPool(poolSize, memoryMb, pythonMemoryMb, resolvePythonRuntime(options.pythonRuntime));
  let closed = false;
  // Calls share the children, so they run one after another.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  const guardOpen = (): void => {
    if (closed) throw new EngineError("INVALID_ARGUMENT", "the runner was closed; create a new one");
  };

  return {
    async check(program: Program): Promise<StaticCheckResult> {
      checkProgram(program, 0);
      guardOpen();
      return exclusive(async () => {
        const answer = await pool.request<StaticCheckResult>(0, program, { type: "check" }, 10_000);
        if ("result" in answer) return answer.result;
        return { ok: false, errors: [{ message: `checking ${program.name} failed: ${answer.message}` }] };
      });
    },

    async apply(programs: readonly Program[], inputs: readonly unknown[], applyOptions: ApplyOptions): Promise<ApplyResult> {
      programs.forEach(checkProgram);
      const k = applyOptions?.classNames?.length ?? 0;
      if (k < 2) throw new EngineError("INVALID_ARGUMENT", `apply needs at least 2 class names, got ${k}`);
      if (applyOptions.signal?.aborted) throw new EngineError("ABORTED", "apply was aborted before it started");
      guardOpen();
      return exclusive(() => applyPrograms(pool, programs, inputs, applyOptions, { chunkSize, rowTimeoutMs }));
    },

    async tryProgram(program: Program, inputs: readonly unknown[], tryOptions: TryOptions): Promise<TryRowResult[]> {
      checkProgram(program, 0);
      guardOpen();
      return exclusive(() => tryProgram(pool, program, inputs, tryOptions, rowTimeoutMs));
    },

    async close(): Promise<void> {
      closed = true;
      pool.close();
    },
  };
}
