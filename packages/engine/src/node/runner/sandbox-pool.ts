import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { ProgramLanguage } from "../../core/task";
import { isolationProblems, type CpythonIsolation } from "./cpython-isolation";
import { osIsolation } from "./os-isolation";
import { SandboxProcess, type SandboxDeath, type SandboxSpec } from "./sandbox-process";

const JS_ENTRY = fileURLToPath(new URL("./js-sandbox.mjs", import.meta.url));
const PYODIDE_ENTRY = fileURLToPath(new URL("./pyodide-sandbox.mjs", import.meta.url));
const PYODIDE_DIR = dirname(createRequire(import.meta.url).resolve("pyodide"));
const NODE_OOM = /heap out of memory|Allocation failed|invalid table size|invalid array length|WebAssembly memory capped/i;

/** Settings every sandbox of a runner shares. */
export interface SandboxSettings {
  /** V8 heap cap of JavaScript (and Pyodide) sandboxes, MiB. */
  readonly memoryMb: number;
  /** Python memory cap, MiB (CPython: RLIMIT_AS; Pyodide: WebAssembly memory). */
  readonly pythonMemoryMb: number;
  /** Where Python runs: CPython sandboxes (the isolation to use) or Pyodide (undefined); asked once, when a Python program first runs. */
  readonly python: () => CpythonIsolation | undefined;
}

function nodeDeath(tail: string, code: number | null, signal: NodeJS.Signals | null): SandboxDeath {
  const exit = /ALCHEMIST_PROGRAM_EXIT (-?\d+)/.exec(tail);
  if (exit) return { died: "crash", message: `the program's process exited with code ${exit[1]}` };
  const failed = /ALCHEMIST_INTERPRETER_FAILED (.*)/.exec(tail);
  if (failed) return { died: "crash", message: `the interpreter failed: ${failed[1]}` };
  // Minified library source that Node prints around an uncaught error is no use in a message.
  const lastLine =
    tail
      .trim()
      .split("\n")
      .filter((l) => !l.startsWith("    at ") && l.length < 300)
      .pop() ?? "";
  const how = signal ? `signal ${signal}` : `code ${code}`;
  if (NODE_OOM.test(tail)) return { died: "memory", message: `ran out of memory (the sandbox process exited with ${how})` };
  if (tail.includes("ALCHEMIST_WATCHDOG_TIMEOUT")) return { died: "timeout", message: "did not stop when interrupted; the sandbox process was killed" };
  return { died: "crash", message: `the sandbox process exited with ${how}${lastLine ? `: ${lastLine.slice(0, 200)}` : ""}` };
}

function pythonDeath(tail: string, code: number | null, signal: NodeJS.Signals | null): SandboxDeath {
  const lastLine = tail.trim().split("\n").pop() ?? "";
  if (/MemoryError/.test(lastLine)) return { died: "memory", message: `ran out of memory: ${lastLine.slice(0, 200)}` };
  return { died: "crash", message: `the sandbox exited with ${signal ? `signal ${signal}` : `code ${code}`}${lastLine ? `: ${lastLine.slice(0, 200)}` : ""}` };
}

/** How to start a sandbox for `language` with these settings. */
export function sandboxSpec(language: ProgramLanguage, settings: SandboxSettings): SandboxSpec {
  const cpython = language === "python" ? settings.python() : undefined;
  if (cpython) {
    const checkReady = (header: unknown): string => {
      const inside = (header as { inside?: unknown } | null)?.inside;
      return inside !== null && typeof inside === "object" ? isolationProblems(inside as Record<string, unknown>) : "it did not say how it is isolated";
    };
    return { command: cpython.command, args: cpython.args(settings.pythonMemoryMb), describeExit: pythonDeath, startMs: 20_000, checkReady };
  }
  const isolation = osIsolation();
  const pyodide = language === "python";
  const nodeArgs = [
    "--experimental-permission",
    `--allow-fs-read=${dirname(JS_ENTRY)}/`,
    ...(pyodide ? [`--allow-fs-read=${PYODIDE_DIR}/`, "--allow-worker"] : ["--frozen-intrinsics", "--experimental-vm-modules"]),
    // Without eval/new Function, a program that reaches a host function cannot compile code in
    // the sandbox's main realm (the usual `constructor.constructor('return process')` escape).
    "--disallow-code-generation-from-strings",
    `--max-old-space-size=${settings.memoryMb}`,
    "--no-warnings",
    pyodide ? PYODIDE_ENTRY : JS_ENTRY,
    ...(pyodide ? [PYODIDE_DIR, String(settings.pythonMemoryMb)] : []),
  ];
  return { command: isolation.command, args: [...isolation.prefix, ...nodeArgs], describeExit: nodeDeath, startMs: pyodide ? 90_000 : 20_000 };
}

/**
 * A fixed number of slots, each holding at most one live sandbox per language (JavaScript; Python
 * in CPython or Pyodide). A dead sandbox is replaced when its slot is next asked for it. Sandboxes
 * persist across applies until `close()`.
 *
 * @example
 * const pool = new SandboxPool(2, { memoryMb: 1024, pythonMemoryMb: 512, python: () => undefined });
 * const box = pool.get(0, "javascript");
 */
export class SandboxPool {
  private readonly slots: Map<ProgramLanguage, SandboxProcess>[];
  private readonly started = new Set<ProgramLanguage>();
  closed = false;

  constructor(
    readonly size: number,
    readonly settings: SandboxSettings,
  ) {
    this.slots = Array.from({ length: size }, () => new Map());
  }

  /**
   * The slot's live sandbox for `language`, started if needed. The first time a language is asked
   * for, every slot's sandbox for it starts at once: they are all needed soon, and start-up (an
   * interpreter, namespaces) overlaps instead of adding up.
   */
  get(slot: number, language: ProgramLanguage): SandboxProcess {
    if (!this.started.has(language)) {
      this.started.add(language);
      for (let other = 0; other < this.size; other++) if (other !== slot) this.start(other, language);
    }
    return this.start(slot, language);
  }

  private start(slot: number, language: ProgramLanguage): SandboxProcess {
    const boxes = this.slots[slot]!;
    let box = boxes.get(language);
    if (!box?.alive) {
      box = new SandboxProcess(sandboxSpec(language, this.settings));
      boxes.set(language, box);
    }
    return box;
  }

  /** Whether Python programs run in CPython sandboxes here (they take chunks in marshal form). */
  pythonIsCpython(): boolean {
    return this.settings.python() !== undefined;
  }

  /** The slot's sandbox for `language` if one was started (alive or not), without starting one. */
  peek(slot: number, language: ProgramLanguage): SandboxProcess | undefined {
    return this.slots[slot]!.get(language);
  }

  /** Kills the slot's sandboxes (all languages, or one). */
  recycle(slot: number, language?: ProgramLanguage): void {
    const boxes = this.slots[slot]!;
    for (const [lang, box] of boxes) {
      if (language !== undefined && lang !== language) continue;
      box.kill();
      boxes.delete(lang);
    }
  }

  killAll(): void {
    for (let slot = 0; slot < this.size; slot++) this.recycle(slot);
  }

  close(): void {
    this.closed = true;
    this.killAll();
  }
}
