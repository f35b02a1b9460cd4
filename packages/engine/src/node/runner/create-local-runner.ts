import { cpus } from "node:os";
import type {
  ApplyOptions,
  ApplyResult,
  ApplyStreamOptions,
  ApplyStreamResult,
  Program,
  ProgramLimits,
  ProgramRunner,
  StaticCheckResult,
  TryOptions,
  TryRowResult,
} from "../../core/program";
import { EngineError } from "../../errors/engine-error";
import { applyPrograms } from "./apply-programs";
import { runApplySession, type SessionSettings } from "./apply-session";
import type { CpythonIsolation } from "./cpython-isolation";
import { resolvePythonRuntime, type PythonRuntime } from "./resolve-python-runtime";
import { SandboxPool } from "./sandbox-pool";
import { tryProgram } from "./try-program";
import { MAX_MULTI_LABEL_CLASSES } from "../../multi-label/multi-label-votes";

export interface LocalRunnerOptions {
  /** Child processes running programs in parallel; default: every core. */
  readonly poolSize?: number;
  /** Budget per program call; a row past it is a `timeout` fault (CPython: CPU time, with 3x of wall time for sleeps). Default 1000 ms. */
  readonly rowTimeoutMs?: number;
  /** Rows sent to a sandbox at once (every program of a language runs on them there); default 5000. Results do not depend on it. */
  readonly chunkSize?: number;
  /** What stops a program for the rest of an apply (consecutive costly faults, time budget); see ProgramLimits. */
  readonly limits?: ProgramLimits;
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

function limitsOf(given: ProgramLimits | undefined, fallback: Required<ProgramLimits>): Required<ProgramLimits> {
  const limits = { ...fallback, ...Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined)) };
  for (const [name, value] of Object.entries(limits)) {
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
      throw new EngineError("INVALID_ARGUMENT", `runner limit ${name} must be a non-negative number, got ${String(value)}`);
  }
  if (!Number.isInteger(limits.maxConsecutiveFaults))
    throw new EngineError("INVALID_ARGUMENT", `runner limit maxConsecutiveFaults must be an integer, got ${limits.maxConsecutiveFaults}`);
  return limits;
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
 * The sandboxed ProgramRunner: programs run in supervised, locked-down sandbox processes (Python in
 * real CPython inside OS-level isolation where available, else Pyodide; JavaScript in a fresh
 * node:vm realm per program inside a locked-down Node process), never in the caller's process.
 * Every chunk of rows crosses to a sandbox once and all programs of its language run on it there;
 * votes come back as one byte per row. Faults (exception, timeout, invalid-output, memory, crash,
 * disabled) become abstains and are counted per program; a dead sandbox is replaced. Containment per
 * layer: README.md in this folder. Sandboxes are reused across calls until `close()`.
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
  if (chunkSize > 1_000_000)
    throw new EngineError("INVALID_ARGUMENT", `runner option chunkSize must be at most 1000000 (rows a sandbox holds at once), got ${chunkSize}`);
  const memoryMb = positiveInteger("memoryMb", options.memoryMb, 1024);
  const pythonMemoryMb = positiveInteger("pythonMemoryMb", options.pythonMemoryMb, 512);
  if (pythonMemoryMb < 128)
    throw new EngineError("INVALID_ARGUMENT", `runner option pythonMemoryMb must be at least 128 (Pyodide needs it to start), got ${pythonMemoryMb}`);
  const limits = limitsOf(options.limits, { maxConsecutiveFaults: 3, budgetBaseMs: 10_000, budgetPerRowMs: 1 });
  const requested = options.pythonRuntime ?? (process.env.ALCHEMIST_PYTHON_RUNTIME || "auto");
  if (!["auto", "cpython", "pyodide"].includes(requested))
    throw new EngineError("INVALID_ARGUMENT", `python runtime must be "auto", "cpython" or "pyodide", got "${requested}"`);
  // Asked for by name, CPython must be available now (a clear error at once); `auto` probes only
  // when a Python program first runs, so JavaScript-only work never pays for the probe.
  let python: { runtime: CpythonIsolation | undefined } | undefined = requested === "cpython" ? { runtime: resolvePythonRuntime("cpython") } : undefined;
  const pool = new SandboxPool(poolSize, { memoryMb, pythonMemoryMb, python: () => (python ??= { runtime: resolvePythonRuntime(requested) }).runtime });
  const settingsFor = (given: ProgramLimits | undefined): SessionSettings => ({ chunkSize, rowTimeoutMs, limits: limitsOf(given, limits) });
  let closed = false;
  // Calls share the sandboxes, so they run one after another.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  const guardOpen = (): void => {
    if (closed) throw new EngineError("INVALID_ARGUMENT", "the runner was closed; create a new one");
  };
  const guardApply = (programs: readonly Program[], applyOptions: ApplyOptions): void => {
    programs.forEach(checkProgram);
    const k = applyOptions?.classNames?.length ?? 0;
    if (k < 2) throw new EngineError("INVALID_ARGUMENT", `apply needs at least 2 class names, got ${k}`);
    if (k > 32_000) throw new EngineError("INVALID_ARGUMENT", `apply supports at most 32000 classes, got ${k}`);
    if (applyOptions.multiLabel === true && k > MAX_MULTI_LABEL_CLASSES)
      throw new EngineError(
        "INVALID_ARGUMENT",
        `a multi-label apply supports at most ${MAX_MULTI_LABEL_CLASSES} classes (votes are 16-bit class sets), got ${k}`,
      );
    if (applyOptions.signal?.aborted) throw new EngineError("ABORTED", "apply was aborted before it started");
    guardOpen();
  };

  return {
    async check(program: Program): Promise<StaticCheckResult> {
      checkProgram(program, 0);
      guardOpen();
      return exclusive(async () => {
        let result: unknown;
        const outcome = await pool.get(0, program.language).request({
          header: { t: "check", src: program.source, fn: program.functionName },
          single: true,
          onFrame: (frame) => (result = frame.header),
          deadlineMs: () => 10_000,
        });
        if ("done" in outcome && result !== null && typeof result === "object" && "ok" in result) return result as StaticCheckResult;
        return { ok: false, errors: [{ message: `checking ${program.name} failed: ${"died" in outcome ? outcome.message : "malformed answer"}` }] };
      });
    },

    async apply(programs: readonly Program[], inputs: readonly unknown[], applyOptions: ApplyOptions): Promise<ApplyResult> {
      guardApply(programs, applyOptions);
      return exclusive(() => applyPrograms(pool, programs, inputs, applyOptions, settingsFor(applyOptions.limits)));
    },

    async applyStream(programs: readonly Program[], batches, streamOptions: ApplyStreamOptions): Promise<ApplyStreamResult> {
      guardApply(programs, streamOptions);
      return exclusive(() => runApplySession(pool, programs, batches, streamOptions, settingsFor(streamOptions.limits)));
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
