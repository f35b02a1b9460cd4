import type { Program } from "../../core/program";
import { needsFreshInterpreter } from "./program-taint";
import { RunnerChild, type ChildAnswer } from "./runner-child";

/** Extra time a Python request gets for the child's one-time Pyodide start. */
const PYODIDE_START_MS = 60_000;

/**
 * A fixed number of child slots, each holding a live RunnerChild or none; a dead child is
 * replaced on the next request to its slot. Children persist across apply calls.
 *
 * @example
 * const pool = new ChildPool(2, 1024, 512);
 * const answer = await pool.request(0, program, { type: "check", program }, 5000);
 * await pool.close();
 */
export class ChildPool {
  private readonly slots: (RunnerChild | undefined)[];
  private readonly pythonReady = new WeakSet<RunnerChild>();
  private readonly sentKeys = new WeakMap<RunnerChild, string>();
  closed = false;

  constructor(
    readonly size: number,
    private readonly memoryMb: number,
    private readonly pythonMemoryMb: number,
  ) {
    this.slots = new Array<RunnerChild | undefined>(size).fill(undefined);
  }

  /** Runs one request on slot `slot`, starting a child first if needed. */
  async request<T>(slot: number, program: Program, payload: Record<string, unknown>, deadlineMs: number): Promise<ChildAnswer<T>> {
    if (this.closed) return { died: "crash", message: "the runner was closed" };
    let child = this.slots[slot];
    if (!child?.alive) {
      child = new RunnerChild(this.memoryMb, this.pythonMemoryMb);
      this.slots[slot] = child;
    }
    const needsStart = program.language === "python" && !this.pythonReady.has(child);
    // A child keeps the last chunk it received; the same chunk is not sent again.
    const key = payload.inputsKey;
    const send = typeof key === "string" && this.sentKeys.get(child) === key ? { ...payload, inputsJson: undefined } : payload;
    if (typeof key === "string") this.sentKeys.set(child, key);
    const answer = await child.request<T>({ ...send, program }, deadlineMs + (needsStart ? PYODIDE_START_MS : 0));
    if ("result" in answer && program.language === "python") this.pythonReady.add(child);
    // An introspecting program may have tampered with the shared interpreter: throw it away.
    if (needsFreshInterpreter(program) && payload.type !== "check") this.recycle(slot);
    return answer;
  }

  /** Kills the child on one slot (e.g. after a memory fault left its heap huge). */
  recycle(slot: number): void {
    this.slots[slot]?.kill();
    this.slots[slot] = undefined;
  }

  close(): void {
    this.closed = true;
    this.killAll();
  }

  killAll(): void {
    for (let slot = 0; slot < this.size; slot++) this.recycle(slot);
  }
}
