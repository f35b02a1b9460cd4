import type { Program } from "../../core/program";
import { CpythonChild } from "./cpython-child";
import type { CpythonIsolation } from "./cpython-isolation";
import { needsFreshInterpreter } from "./program-taint";
import { RunnerChild, type ChildAnswer } from "./runner-child";

/** Extra time a Python request gets for the child's one-time Pyodide start. */
const PYODIDE_START_MS = 60_000;
/** Extra time a request gets when its slot first starts a CPython sandbox (~0.1 s when idle). */
const CPYTHON_START_MS = 20_000;
/** Characters of chunk JSON a child keeps per apply (about 2x that in memory, JS and Python). */
const KEEP_CHARS = 32_000_000;

/**
 * A fixed number of child slots, each holding a live RunnerChild (JavaScript, and Python on the
 * Pyodide runtime) and, with the CPython runtime, a CpythonChild for Python programs; a dead child
 * is replaced on the next request to its slot. Children persist across apply calls.
 *
 * @example
 * const pool = new ChildPool(2, 1024, 512);
 * const answer = await pool.request(0, program, { type: "check", program }, 5000);
 * await pool.close();
 */
export class ChildPool {
  private readonly slots: (RunnerChild | undefined)[];
  private readonly cpythonSlots: (CpythonChild | undefined)[];
  private readonly pythonReady = new WeakSet<RunnerChild>();
  private readonly kept = new WeakMap<RunnerChild | CpythonChild, { apply: string; keys: Set<string>; chars: number }>();
  closed = false;

  constructor(
    readonly size: number,
    private readonly memoryMb: number,
    private readonly pythonMemoryMb: number,
    /** Set: Python programs run in CPython sandboxes; unset: in Pyodide. */
    private readonly cpython?: CpythonIsolation,
  ) {
    this.slots = new Array<RunnerChild | undefined>(size).fill(undefined);
    this.cpythonSlots = new Array<CpythonChild | undefined>(size).fill(undefined);
  }

  private async requestCpython<T>(slot: number, program: Program, payload: Record<string, unknown>, deadlineMs: number): Promise<ChildAnswer<T>> {
    let child = this.cpythonSlots[slot];
    const needsStart = !child?.alive;
    if (!child?.alive) {
      child = new CpythonChild(this.cpython!, this.pythonMemoryMb);
      this.cpythonSlots[slot] = child;
    }
    // Every task runs in a fresh fork of the zygote, so no program taints the next: no recycling.
    return child.request<T>({ ...this.withoutKeptInputs(child, payload), program }, deadlineMs + (needsStart ? CPYTHON_START_MS : 0));
  }

  /** Runs one request on slot `slot`, starting a child first if needed. */
  async request<T>(slot: number, program: Program, payload: Record<string, unknown>, deadlineMs: number): Promise<ChildAnswer<T>> {
    if (this.closed) return { died: "crash", message: "the runner was closed" };
    if (program.language === "python" && this.cpython) return this.requestCpython<T>(slot, program, payload, deadlineMs);
    let child = this.slots[slot];
    if (!child?.alive) {
      child = new RunnerChild(this.memoryMb, this.pythonMemoryMb);
      this.slots[slot] = child;
    }
    const needsStart = program.language === "python" && !this.pythonReady.has(child);
    const send = this.withoutKeptInputs(child, payload);
    const answer = await child.request<T>({ ...send, program }, deadlineMs + (needsStart ? PYODIDE_START_MS : 0));
    if ("result" in answer && program.language === "python") this.pythonReady.add(child);
    // An introspecting program may have tampered with the shared interpreter: throw it away.
    if (needsFreshInterpreter(program) && payload.type !== "check") this.recycle(slot);
    return answer;
  }

  /**
   * A child keeps the chunks of the current apply (keys `applyId:chunk`) that the parent marked
   * `keep`, up to KEEP_CHARS of JSON; a kept chunk is not sent again. Parent and child follow the
   * same rule: a new apply id empties the child's store.
   */
  private withoutKeptInputs(child: RunnerChild | CpythonChild, payload: Record<string, unknown>): Record<string, unknown> {
    const { inputsKey: key, inputsJson: json } = payload;
    if (typeof key !== "string" || typeof json !== "string") return payload;
    const apply = key.slice(0, key.lastIndexOf(":"));
    let kept = this.kept.get(child);
    if (kept?.apply !== apply) this.kept.set(child, (kept = { apply, keys: new Set(), chars: 0 }));
    if (kept.keys.has(key)) return { ...payload, inputsJson: undefined };
    if (kept.chars + json.length > KEEP_CHARS) return payload;
    kept.keys.add(key);
    kept.chars += json.length;
    return { ...payload, keep: true };
  }

  /** Whether each task of `program` runs in a fresh process (CPython forks): no recycling after memory faults. */
  freshPerTask(program: Program): boolean {
    return program.language === "python" && this.cpython !== undefined;
  }

  /** Kills the child on one slot (e.g. after a memory fault left its heap huge). */
  recycle(slot: number): void {
    this.slots[slot]?.kill();
    this.slots[slot] = undefined;
    this.cpythonSlots[slot]?.kill();
    this.cpythonSlots[slot] = undefined;
  }

  close(): void {
    this.closed = true;
    this.killAll();
  }

  killAll(): void {
    for (let slot = 0; slot < this.size; slot++) this.recycle(slot);
  }
}
