import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import type { Socket } from "node:net";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { osIsolation } from "./os-isolation";

/** How a request ended when the child did not answer it. */
export type ChildDeath = { died: "crash" | "memory" | "timeout"; message: string };
export type ChildAnswer<T> = { result: T } | ChildDeath;

const ENTRY = fileURLToPath(new URL("./child-entry.mjs", import.meta.url));
const PYODIDE_DIR = dirname(createRequire(import.meta.url).resolve("pyodide"));
const OOM = /heap out of memory|Allocation failed|invalid table size|invalid array length/i;

/**
 * One supervised runner child: node with the permission model (reads only its own code and
 * Pyodide, no child processes, no writes, no addons), no code generation from strings, an empty
 * environment, a heap cap, a WASM memory cap for Python and, where the OS allows, its own empty
 * network namespace (see osIsolation). Requests are answered one at a time; a child that dies or
 * misses a deadline is killed and reports why.
 *
 * @example
 * const child = new RunnerChild(1024, 512);
 * const answer = await child.request({ type: "check", program }, 30_000);
 * child.kill();
 */
export class RunnerChild {
  private readonly proc: ChildProcess;
  private readonly ready: Promise<void>;
  private readonly exited: Promise<void>;
  private stderrTail = "";
  private pending?: { id: number; settle: (answer: ChildAnswer<unknown>) => void };
  private nextId = 1;
  private deadlineHit = false;
  alive = true;

  constructor(memoryMb: number, pythonMemoryMb: number) {
    const isolation = osIsolation();
    const nodeArgs = [
      "--experimental-permission",
      `--allow-fs-read=${dirname(ENTRY)}/`,
      `--allow-fs-read=${PYODIDE_DIR}/`,
      "--allow-worker",
      // Without eval/new Function, a program that reaches a host function cannot compile code in
      // the child's main realm (the usual `constructor.constructor('return process')` escape).
      "--disallow-code-generation-from-strings",
      `--max-old-space-size=${memoryMb}`,
      "--no-warnings",
      ENTRY,
      PYODIDE_DIR,
      String(pythonMemoryMb),
    ];
    this.proc = spawn(isolation.command, [...isolation.prefix, ...nodeArgs], {
      env: {},
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "json",
    });
    // An idle child must not keep the caller alive (a CLI that forgets close() still exits);
    // a pending request holds the event loop through its deadline timer.
    this.proc.unref();
    this.proc.channel?.unref();
    (this.proc.stderr as Socket | null)?.unref();
    this.proc.stderr?.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString("utf8")).slice(-4000);
    });
    this.ready = new Promise((resolve) => this.proc.once("message", () => resolve()));
    this.exited = new Promise((resolve) => this.proc.once("exit", () => resolve()));
    this.proc.on("message", (message: { id?: number; result?: unknown }) => {
      if (this.pending && message.id === this.pending.id) this.finish({ result: message.result });
    });
    this.proc.on("exit", (code, signal) => {
      this.alive = false;
      this.finish(this.death(code, signal));
    });
  }

  private death(code: number | null, signal: NodeJS.Signals | null): ChildDeath {
    const lastLine = this.stderrTail.trim().split("\n").filter((l) => !l.startsWith("    at ")).pop() ?? "";
    if (this.deadlineHit || this.stderrTail.includes("ALCHEMIST_WATCHDOG_TIMEOUT")) {
      return { died: "timeout", message: "did not stop when interrupted; the runner process was killed" };
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (OOM.test(this.stderrTail)) return { died: "memory", message: `ran out of memory (runner process exited with ${how})` };
    return { died: "crash", message: `runner process exited with ${how}${lastLine ? `: ${lastLine.slice(0, 200)}` : ""}` };
  }

  private finish(answer: ChildAnswer<unknown>): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.settle(answer);
  }

  /** Sends one request; resolves with the result, or with how the child died (killed after `deadlineMs`). */
  async request<T>(payload: Record<string, unknown>, deadlineMs: number): Promise<ChildAnswer<T>> {
    if (this.pending) throw new Error("RunnerChild handles one request at a time");
    const id = this.nextId++;
    // The timer runs from before the child is ready: it also keeps the caller's event loop alive.
    const timer = setTimeout(() => {
      this.deadlineHit = true;
      this.kill();
    }, deadlineMs);
    const answer = new Promise<ChildAnswer<T>>((resolve) => {
      this.pending = { id, settle: (result) => resolve(result as ChildAnswer<T>) };
    });
    await Promise.race([this.ready, this.exited]);
    if (this.alive) this.proc.send({ ...payload, id });
    else this.finish(this.death(this.proc.exitCode, this.proc.signalCode));
    return answer.finally(() => clearTimeout(timer));
  }

  kill(): void {
    if (this.alive) this.proc.kill("SIGKILL");
  }
}
